package handlers

import (
	"bytes"
	"errors"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"consult/internal/commenttemplate"
	"consult/models"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// CommentTemplate sends the blank comment template of a consultation, with its clause numbers as
// a drop-down, once its document is visible to the caller.
func (h *Handlers) CommentTemplate(c echo.Context) error {
	con, numbers, err := models.TemplateClauses(c.Request().Context(), h.DB.DB, c.Param("id"), isStaff(c), h.Clock.Now())
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
// models.ImportsPerAccount files an hour, counted before the upload is read; a workbook that would
// unpack beyond the bounds of package commenttemplate is refused with 413 before it is inflated.
func (h *Handlers) ImportComments(c echo.Context) error {
	read := func() ([]commenttemplate.Row, error) { return readTemplateUpload(c) }
	created, err := models.ImportComments(c.Request().Context(), h.DB.DB, CurrentPrincipal(c).User, c.Param("id"), read, h.Clock.Now(), h.Config.BaseURL)
	if err != nil {
		return err
	}
	h.Clusters.Notify(c.Param("id"))
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
		return nil, models.TemplateProblems(te.Problems)
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
