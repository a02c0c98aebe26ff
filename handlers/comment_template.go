package handlers

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"consult/internal/commenttemplate"
	"consult/internal/mailtext"
	"consult/models"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// CommentTemplate sends the blank comment template of a consultation, with its clause numbers as
// a drop-down, once its document is visible to the caller.
func (h *Handlers) CommentTemplate(c echo.Context) error {
	ctx := c.Request().Context()
	con, err := models.FindConsultation(ctx, h.DB.DB, c.Param("id"))
	if err != nil {
		return err
	}
	if _, err := models.FindDocument(ctx, h.DB.DB, con.DocumentID, isStaff(c), h.Clock.Now()); err != nil {
		return models.NotFound("consultation")
	}
	_, numbers, err := models.ClauseNumbers(ctx, h.DB.DB, con.DocumentID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := commenttemplate.Blank(&buf, con.Title, numbers); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="comment-template.xlsx"`)
	return c.Blob(http.StatusOK, xlsxType, buf.Bytes())
}

// ImportComments takes a filled template (XLSX or CSV, told apart by content) and creates all its
// rows as comments, or none: a 422 lists every bad row and column. Each account may import
// models.ImportsPerAccount files an hour; a workbook that would unpack beyond the bounds of
// package commenttemplate is refused with 413 before it is inflated.
func (h *Handlers) ImportComments(c echo.Context) error {
	ctx, now, author := c.Request().Context(), h.Clock.Now(), CurrentPrincipal(c).User
	con, err := models.FindConsultation(ctx, h.DB.DB, c.Param("id"))
	if err != nil {
		return err
	}
	if err := con.RequireOpen(now); err != nil { // before reading the upload: fail fast
		return err
	}
	if err := models.CountImport(ctx, h.DB.DB, author, now); err != nil { // counted before the work
		return err
	}
	rows, err := readTemplateUpload(c)
	if err != nil {
		return err
	}
	clauseIDs, _, err := models.ClauseNumbers(ctx, h.DB.DB, con.DocumentID)
	if err != nil {
		return err
	}
	known := make(map[string]bool, len(clauseIDs))
	for n := range clauseIDs {
		known[n] = true
	}
	rows, problems := commenttemplate.Validate(rows, known)
	if len(problems) > 0 {
		return templateProblems(problems)
	}
	if len(rows) == 0 {
		return models.Invalid("the template holds no comments", models.FieldError{Field: "file", Message: "fill at least one row below the header"})
	}
	in := make([]models.NewComment, len(rows))
	for i, r := range rows {
		in[i] = models.NewComment{CommentType: r.CommentType, Body: r.Comment, ProposedChange: r.ProposedChange, Publication: r.Publication, ParagraphRef: r.Paragraph}
		if id, ok := clauseIDs[r.Clause]; ok {
			in[i].ClauseID = &id
		}
	}
	var created []*models.Comment
	err = h.DB.Transaction(func(tx *gorm.DB) error {
		var bad map[int][]models.FieldError
		var err error
		created, bad, err = models.ImportComments(ctx, tx, author, con.ID, in, now)
		if err != nil {
			return err
		}
		if len(bad) > 0 {
			var fields []models.FieldError
			for i, errs := range bad {
				for _, fe := range errs {
					fields = append(fields, models.FieldError{Field: "row " + strconv.Itoa(rows[i].Line) + ": " + fe.Field, Message: fe.Message})
				}
			}
			return models.Invalid("some rows of the template are not valid; nothing was imported", fields...)
		}
		numbers := make([]string, len(created))
		for i, cm := range created {
			numbers[i] = cm.TrackingNumber
		}
		t := mailtext.ImportReceipt(h.Config.BaseURL, con.Title, numbers)
		return models.EnqueueMail(ctx, tx, author.Email, t.Subject, t.Body, now)
	})
	if err != nil {
		return err
	}
	out := List[CommentView]{Items: make([]CommentView, 0, len(created))}
	for _, cm := range created {
		out.Items = append(out.Items, commentView(cm))
	}
	return c.JSON(http.StatusCreated, out)
}

// readTemplateUpload reads the multipart file and parses it as XLSX or CSV by its first bytes.
func readTemplateUpload(c echo.Context) ([]commenttemplate.Row, error) {
	fh, err := c.FormFile("file")
	if err != nil {
		if errors.Is(err, echo.ErrStatusRequestEntityTooLarge) {
			return nil, &models.Error{Code: models.CodePayloadTooLarge, Message: "the upload is too large"}
		}
		if !isMultipart(c) {
			return nil, &models.Error{Code: models.CodeUnsupportedMediaType, Message: "send the filled template as multipart/form-data in a part named file"}
		}
		return nil, models.Invalid("the upload has no file", models.FieldError{Field: "file", Message: "attach the filled template (.xlsx or .csv) as the part named file"})
	}
	if fh.Size > commenttemplate.MaxFileSize {
		return nil, &models.Error{Code: models.CodePayloadTooLarge, Message: "the template is larger than 10 MB"}
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	var rows []commenttemplate.Row
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		rows, err = commenttemplate.ReadXLSX(f, fh.Size)
	case looksBinary(head):
		err = commenttemplate.ErrNotXLSX
	default:
		rows, err = commenttemplate.ReadCSV(f)
	}
	var te *commenttemplate.Error
	switch {
	case errors.As(err, &te):
		return nil, templateProblems(te.Problems)
	case errors.Is(err, commenttemplate.ErrNotXLSX):
		return nil, &models.Error{Code: models.CodeUnsupportedMediaType, Message: "the file is neither an .xlsx workbook nor a UTF-8 .csv file"}
	case errors.Is(err, commenttemplate.ErrTooLarge):
		return nil, &models.Error{Code: models.CodePayloadTooLarge, Message: "the template is too large"}
	case errors.Is(err, commenttemplate.ErrUnpacksTooLarge):
		return nil, &models.Error{Code: models.CodePayloadTooLarge, Message: commenttemplate.ErrUnpacksTooLarge.Error()}
	case err != nil:
		return nil, models.Invalid("the template cannot be read", models.FieldError{Field: "file", Message: err.Error()})
	}
	return rows, nil
}

func templateProblems(problems []commenttemplate.Problem) error {
	fields := make([]models.FieldError, 0, len(problems))
	for _, p := range problems {
		field := "row " + strconv.Itoa(p.Line)
		if p.Column != "" {
			field += ", " + p.Column
		}
		fields = append(fields, models.FieldError{Field: field, Message: p.Message})
	}
	return models.Invalid("the template has "+strconv.Itoa(len(problems))+" problem(s); nothing was imported", fields...)
}
