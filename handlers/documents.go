package handlers

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"consult/internal/clauses"
	"consult/models"
)

// DocumentSummaryView is a document without its clauses. ID and CreatedAt are left out only of a
// dry run's preview, where the document does not exist.
type DocumentSummaryView struct {
	ID           string    `json:"id,omitzero"`
	SchemeID     string    `json:"scheme_id"`
	Title        string    `json:"title"`
	VersionLabel string    `json:"version_label"`
	CreatedAt    time.Time `json:"created_at,omitzero"`
}

func documentSummary(d *models.Document) DocumentSummaryView {
	return DocumentSummaryView{ID: d.ID, SchemeID: d.SchemeID, Title: d.Title, VersionLabel: d.VersionLabel, CreatedAt: d.CreatedAt.UTC()}
}

// DocumentView is a document with its clause tree and attached files.
type DocumentView struct {
	DocumentSummaryView
	Clauses     []*ClauseView    `json:"clauses"`
	Attachments []AttachmentView `json:"attachments"`
}

// ClauseView is one clause with its sub-clauses. Body is the clause's Markdown as written;
// BodyHTML is it rendered and sanitised, safe to insert into a page. CommentCount counts its
// published comments (the heat map). ID is left out only of a dry run's preview.
type ClauseView struct {
	ID           string        `json:"id,omitzero"`
	Number       string        `json:"number"`
	Heading      string        `json:"heading"`
	Body         string        `json:"body"`
	BodyHTML     string        `json:"body_html"`
	CommentCount int           `json:"comment_count"`
	Children     []*ClauseView `json:"children"`
}

// clauseTree nests clause rows (in reading order) under their parents, with their bodies
// rendered by render.
func clauseTree(rows []models.Clause, render func(models.Clause) string) []*ClauseView {
	byID := make(map[string]*ClauseView, len(rows))
	roots := []*ClauseView{}
	for _, r := range rows {
		v := &ClauseView{ID: r.ID, Number: r.Number, Heading: r.Heading, Body: r.Body, BodyHTML: render(r), CommentCount: r.PublishedCommentCount, Children: []*ClauseView{}}
		byID[r.ID] = v
		if parent := byID[deref(r.ParentID)]; parent != nil {
			parent.Children = append(parent.Children, v)
		} else {
			roots = append(roots, v)
		}
	}
	return roots
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func (h *Handlers) documentView(d *models.Document, files []models.Attachment) DocumentView {
	v := DocumentView{DocumentSummaryView: documentSummary(d), Clauses: clauseTree(d.Clauses, h.Rendered.Body), Attachments: make([]AttachmentView, 0, len(files))}
	for i := range files {
		v.Attachments = append(v.Attachments, attachmentView(&files[i]))
	}
	return v
}

// GetDocument returns a document with its clause tree, once a consultation on it has opened
// (moderators: always).
func (h *Handlers) GetDocument(c echo.Context) error {
	ctx := c.Request().Context()
	d, err := models.FindDocument(ctx, h.DB.DB, c.Param("id"), isStaff(c), h.Clock.Now())
	if err != nil {
		return err
	}
	files, err := models.OwnerAttachments(ctx, h.DB.DB, models.OwnerDocument, d.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, h.documentView(d, files))
}

// CreateDocumentRequest is the JSON form of a draft upload.
type CreateDocumentRequest struct {
	Title        string `json:"title"`
	VersionLabel string `json:"version_label"`
	Markdown     string `json:"markdown"`
}

// CreateDocument imports a Markdown draft as a new version of a scheme: JSON, or multipart with a
// `file` part and `title` and `version_label` fields. With ?dry_run=true it stores nothing and
// answers 200 with the preview of what it would store, or the errors the import would give.
func (h *Handlers) CreateDocument(c echo.Context) error {
	ctx, now := c.Request().Context(), h.Clock.Now()
	dryRun, err := dryRunOf(c)
	if err != nil {
		return err
	}
	scheme, err := models.FindSchemeBySlug(ctx, h.DB.DB, c.Param("slug"))
	if err != nil {
		return err
	}
	req, err := readDraftUpload(c)
	if err != nil {
		return err
	}
	in := models.NewDocument{Title: req.Title, VersionLabel: req.VersionLabel, Markdown: []byte(req.Markdown)}
	if dryRun {
		d, err := models.PreviewDocument(ctx, h.DB.DB, CurrentPrincipal(c).User, scheme, in, now)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, documentPreview(d))
	}
	d, err := models.ImportDocument(ctx, h.DB.DB, CurrentPrincipal(c).User, scheme, in, now)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, h.documentView(d, nil))
}

// dryRunOf reads the dry_run query parameter: absent is false.
func dryRunOf(c echo.Context) (bool, error) {
	raw := c.QueryParam("dry_run")
	if raw == "" {
		return false, nil
	}
	dryRun, err := strconv.ParseBool(raw)
	if err != nil {
		return false, models.Invalid("the query has invalid parameters", models.FieldError{Field: "dry_run", Message: "must be true or false"})
	}
	return dryRun, nil
}

// documentPreview is the view of a document that a dry run would store: the 201 answer without
// the ids and creation time, which do not exist yet. Its clauses are rendered afresh, not kept in
// ClauseHTML: they will never be read again under these ids.
func documentPreview(d *models.Document) DocumentView {
	fresh := func(cl models.Clause) string { return renderBody(cl.Body) }
	v := DocumentView{DocumentSummaryView: documentSummary(d), Clauses: clauseTree(d.Clauses, fresh), Attachments: []AttachmentView{}}
	v.ID, v.CreatedAt = "", time.Time{}
	forgetClauseIDs(v.Clauses)
	return v
}

func forgetClauseIDs(cs []*ClauseView) {
	for _, c := range cs {
		c.ID = ""
		forgetClauseIDs(c.Children)
	}
}

func readDraftUpload(c echo.Context) (*CreateDocumentRequest, error) {
	mt, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	switch mt {
	case echo.MIMEApplicationJSON:
		var req CreateDocumentRequest
		if err := bindJSONLimit(c, &req, models.MaxDraftBytes+64<<10); err != nil {
			return nil, err
		}
		return &req, nil
	case echo.MIMEMultipartForm:
		return readDraftFile(c)
	default:
		return nil, &models.Error{Code: models.CodeUnsupportedMediaType, Message: "send the draft as application/json or as multipart/form-data with a Markdown file"}
	}
}

func readDraftFile(c echo.Context) (*CreateDocumentRequest, error) {
	fh, err := c.FormFile("file")
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) || errors.Is(err, echo.ErrStatusRequestEntityTooLarge) {
			return nil, &models.Error{Code: models.CodePayloadTooLarge, Message: "the upload is too large"}
		}
		return nil, models.Invalid("the upload has no draft", models.FieldError{Field: "file", Message: "attach the Markdown draft as the part named file"})
	}
	if fh.Size > models.MaxDraftBytes {
		return nil, &models.Error{Code: models.CodePayloadTooLarge, Message: "the draft is larger than " + strconv.Itoa(models.MaxDraftBytes>>20) + " MB"}
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	content, err := io.ReadAll(io.LimitReader(f, models.MaxDraftBytes+1))
	if err != nil {
		return nil, err
	}
	if bytes.IndexByte(content, 0) >= 0 || (!utf8.Valid(content) && looksBinary(content)) {
		return nil, &models.Error{Code: models.CodeUnsupportedMediaType, Message: "the file is not a Markdown text file"}
	}
	return &CreateDocumentRequest{Title: c.FormValue("title"), VersionLabel: c.FormValue("version_label"), Markdown: string(content)}, nil
}

// looksBinary says whether content starts like a known binary format rather than mistyped text.
func looksBinary(content []byte) bool {
	for _, magic := range [][]byte{[]byte("%PDF-"), []byte("PK\x03\x04"), []byte("\x7fELF"), []byte("\x89PNG"), []byte("\xff\xd8\xff"), []byte("MZ")} {
		if bytes.HasPrefix(content, magic) {
			return true
		}
	}
	return false
}

// DiffView compares a document with another version of the same scheme, clause by clause.
type DiffView struct {
	DocumentID string       `json:"document_id"`
	AgainstID  string       `json:"against_id"`
	Changes    []ChangeView `json:"changes"`
}

// ChangeView is the fate of one clause between the two versions.
type ChangeView struct {
	Kind        clauses.Kind      `json:"kind"`
	OldClauseID *string           `json:"old_clause_id"`
	NewClauseID *string           `json:"new_clause_id"`
	OldNumber   *string           `json:"old_number"`
	NewNumber   *string           `json:"new_number"`
	Heading     string            `json:"heading"`
	HeadingDiff []clauses.Segment `json:"heading_diff,omitempty"`
	BodyDiff    []clauses.Segment `json:"body_diff,omitempty"`
}

// DiffDocument compares the document (the newer version) with ?against= (the older one).
func (h *Handlers) DiffDocument(c echo.Context) error {
	ctx, now, staff := c.Request().Context(), h.Clock.Now(), isStaff(c)
	against := c.QueryParam("against")
	if against == "" {
		return models.Invalid("the query has invalid parameters", models.FieldError{Field: "against", Message: "name the document to compare with"})
	}
	newDoc, err := models.FindDocument(ctx, h.DB.DB, c.Param("id"), staff, now)
	if err != nil {
		return err
	}
	oldDoc, err := models.FindDocument(ctx, h.DB.DB, against, staff, now)
	if err != nil {
		return models.Invalid("the query has invalid parameters", models.FieldError{Field: "against", Message: "names no document you can read"})
	}
	if oldDoc.SchemeID != newDoc.SchemeID {
		return models.Invalid("the query has invalid parameters", models.FieldError{Field: "against", Message: "is a document of another scheme"})
	}
	oldClauses, oldRows := draftClauses(oldDoc.Clauses)
	newClauses, newRows := draftClauses(newDoc.Clauses)
	out := DiffView{DocumentID: newDoc.ID, AgainstID: oldDoc.ID, Changes: []ChangeView{}}
	for _, ch := range clauses.Diff(oldClauses, newClauses) {
		v := ChangeView{Kind: ch.Kind, HeadingDiff: ch.HeadingDiff, BodyDiff: ch.BodyDiff}
		if ch.Old != nil {
			row := oldRows[ch.Old]
			v.OldClauseID, v.OldNumber, v.Heading = &row.ID, &row.Number, row.Heading
		}
		if ch.New != nil {
			row := newRows[ch.New]
			v.NewClauseID, v.NewNumber, v.Heading = &row.ID, &row.Number, row.Heading
		}
		out.Changes = append(out.Changes, v)
	}
	return c.JSON(http.StatusOK, out)
}

// draftClauses rebuilds the clause tree from stored rows (in reading order) in the comparer's
// form, remembering which row is which.
func draftClauses(rows []models.Clause) ([]*clauses.Clause, map[*clauses.Clause]*models.Clause) {
	var roots []*clauses.Clause
	byID := make(map[string]*clauses.Clause, len(rows))
	back := make(map[*clauses.Clause]*models.Clause, len(rows))
	for i := range rows {
		r := &rows[i]
		dc := &clauses.Clause{Number: r.Number, Heading: r.Heading, Body: r.Body, Key: r.Key, Level: r.Level}
		byID[r.ID] = dc
		back[dc] = r
		if parent := byID[deref(r.ParentID)]; parent != nil {
			dc.Position = len(parent.Children) + 1
			parent.Children = append(parent.Children, dc)
		} else {
			dc.Position = len(roots) + 1
			roots = append(roots, dc)
		}
	}
	return roots, back
}
