package handlers

import (
	"errors"
	"mime"
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"consult/models"
)

// AttachmentView describes an attached file.
type AttachmentView struct {
	ID          string    `json:"id"`
	FileName    string    `json:"file_name"`
	ContentType string    `json:"content_type"`
	SizeBytes   int64     `json:"size_bytes"`
	SHA256      string    `json:"sha256"`
	URL         string    `json:"url"`
	CreatedAt   time.Time `json:"created_at"`
}

func attachmentView(a *models.Attachment) AttachmentView {
	return AttachmentView{ID: a.ID, FileName: a.FileName, ContentType: a.ContentType, SizeBytes: a.SizeBytes, SHA256: a.SHA256,
		URL: "/api/v1/attachments/" + a.ID, CreatedAt: a.CreatedAt.UTC()}
}

// UploadDocumentAttachment attaches the official PDF of a draft. The type is read from the
// file's content, never its name.
func (h *Handlers) UploadDocumentAttachment(c echo.Context) error {
	doc, err := models.FindDocument(c.Request().Context(), h.DB.DB, c.Param("id"), true, h.Clock.Now())
	if err != nil {
		return err
	}
	return h.attach(c, models.OwnerDocument, doc.ID)
}

// UploadCommentAttachment attaches a position paper (PDF, ODT or DOCX) to the caller's own
// comment while it may still change.
func (h *Handlers) UploadCommentAttachment(c echo.Context) error {
	cm, err := models.AuthorsOpenComment(c.Request().Context(), h.DB.DB, c.Param("id"), CurrentPrincipal(c).User, h.Clock.Now())
	if err != nil {
		return err
	}
	return h.attach(c, models.OwnerComment, cm.ID)
}

// attach reads the part named file and attaches it with models.AttachFile. The owner is looked up
// before, so that one the caller may not attach to is answered before the body is read; the
// command checks it again in its transaction.
func (h *Handlers) attach(c echo.Context, ownerType, ownerID string) error {
	fh, err := c.FormFile("file")
	if err != nil {
		if errors.Is(err, echo.ErrStatusRequestEntityTooLarge) {
			return &models.Error{Code: models.CodePayloadTooLarge, Message: "the upload is too large"}
		}
		if c.Request().Header.Get(echo.HeaderContentType) == "" || !isMultipart(c) {
			return &models.Error{Code: models.CodeUnsupportedMediaType, Message: "send the file as multipart/form-data in a part named file"}
		}
		return models.Invalid("the upload has no file", models.FieldError{Field: "file", Message: "attach " + models.AcceptedFiles(ownerType) + " as the part named file"})
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	a, err := models.AttachFile(c.Request().Context(), h.DB.DB, h.Files, CurrentPrincipal(c).User,
		models.NewAttachment{OwnerType: ownerType, OwnerID: ownerID, FileName: fh.Filename, Size: fh.Size, Content: f}, h.Clock.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, attachmentView(a))
}

func isMultipart(c echo.Context) bool {
	mt, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	return mt == echo.MIMEMultipartForm
}

// DownloadAttachment sends a file as a download, to those who may read its owner.
func (h *Handlers) DownloadAttachment(c echo.Context) error {
	a, err := models.FindAttachment(c.Request().Context(), h.DB.DB, c.Param("id"), currentViewer(c), h.Clock.Now())
	if err != nil {
		return err
	}
	r, err := h.Files.Open(c.Request().Context(), a.StorageKey)
	if err != nil {
		return err
	}
	defer r.Close()
	hdr := c.Response().Header()
	hdr.Set(echo.HeaderContentDisposition, `attachment; filename="download`+extOf(a.FileName)+`"; filename*=UTF-8''`+url.PathEscape(a.FileName))
	hdr.Set(echo.HeaderCacheControl, "private, max-age=300")
	return c.Stream(http.StatusOK, a.ContentType, r)
}

func extOf(name string) string {
	for i := len(name) - 1; i >= 0 && len(name)-i <= 6; i-- {
		if name[i] == '.' {
			return name[i:]
		}
	}
	return ""
}
