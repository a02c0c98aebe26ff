package handlers

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"consult/internal/storage"
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
	return h.storeAttachment(c, models.OwnerDocument, doc.ID, "documents/", func(k storage.Kind) bool { return k == storage.PDF }, "a PDF")
}

// UploadCommentAttachment attaches a position paper (PDF, ODT or DOCX) to the caller's own
// comment while it may still change.
func (h *Handlers) UploadCommentAttachment(c echo.Context) error {
	cm, err := models.AuthorsOpenComment(c.Request().Context(), h.DB.DB, c.Param("id"), CurrentPrincipal(c).User, h.Clock.Now())
	if err != nil {
		return err
	}
	return h.storeAttachment(c, models.OwnerComment, cm.ID, "comments/", func(k storage.Kind) bool { return k != storage.Unknown }, "a PDF, ODT or DOCX document")
}

// storeAttachment checks an uploaded file by content, stores it and records it.
func (h *Handlers) storeAttachment(c echo.Context, ownerType, ownerID, prefix string, accept func(storage.Kind) bool, what string) error {
	ctx, now := c.Request().Context(), h.Clock.Now()
	fh, err := c.FormFile("file")
	if err != nil {
		if errors.Is(err, echo.ErrStatusRequestEntityTooLarge) {
			return &models.Error{Code: models.CodePayloadTooLarge, Message: "the upload is too large"}
		}
		if c.Request().Header.Get(echo.HeaderContentType) == "" || !isMultipart(c) {
			return &models.Error{Code: models.CodeUnsupportedMediaType, Message: "send the file as multipart/form-data in a part named file"}
		}
		return models.Invalid("the upload has no file", models.FieldError{Field: "file", Message: "attach " + what + " as the part named file"})
	}
	if fh.Size > models.MaxAttachmentBytes {
		return &models.Error{Code: models.CodePayloadTooLarge, Message: "the file is larger than 10 MB"}
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	kind, err := storage.DetectDocument(f, fh.Size)
	if err != nil || !accept(kind) {
		return &models.Error{Code: models.CodeUnsupportedMediaType, Message: "the file is not " + what + " (its content was checked, not its name)"}
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	a := &models.Attachment{ID: models.NewID(), OwnerType: ownerType, OwnerID: ownerID, FileName: models.SafeFileName(fh.Filename, kind.Ext()),
		ContentType: kind.MIME(), UploadedBy: &CurrentPrincipal(c).User.ID, CreatedAt: now}
	a.StorageKey = prefix + ownerID + "/" + a.ID + kind.Ext()
	if a.SizeBytes, a.SHA256, err = h.Files.Put(ctx, a.StorageKey, f, models.MaxAttachmentBytes); err != nil {
		if errors.Is(err, storage.ErrTooLarge) {
			return &models.Error{Code: models.CodePayloadTooLarge, Message: "the file is larger than 10 MB"}
		}
		return err
	}
	err = h.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.CreateAttachment(ctx, tx, a); err != nil {
			return err
		}
		if ownerType != models.OwnerDocument {
			return nil // a stakeholder's own upload, not a staff action
		}
		return models.RecordAudit(ctx, tx, models.AuditEntry{ActorID: a.UploadedBy, Action: "document.attachment_added", SubjectType: "document",
			SubjectID: ownerID, After: attachmentView(a)}, now)
	})
	if err != nil {
		_ = h.Files.Delete(ctx, a.StorageKey)
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
	var viewer *models.User
	if p := CurrentPrincipal(c); p != nil {
		viewer = p.User
	}
	a, err := models.FindAttachment(c.Request().Context(), h.DB.DB, c.Param("id"), viewer, h.Clock.Now())
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
