package models

import (
	"context"
	"errors"
	"io"
	"time"

	"gorm.io/gorm"

	"consult/internal/storage"
)

// NewAttachment is a file a client uploads to a document or a comment. FileName is the name the
// client gave, which only names the download; Size is the size it announced.
type NewAttachment struct {
	OwnerType string
	OwnerID   string
	FileName  string
	Size      int64
	Content   UploadContent
}

// UploadContent is an uploaded file's bytes, read twice: once to check its structure, once to
// store it.
type UploadContent interface {
	io.Reader
	io.ReaderAt
	io.Seeker
}

// fileRule is what an owner accepts and where its files are kept.
type fileRule struct {
	what   string
	accept func(storage.Kind) bool
	prefix string
}

var fileRules = map[string]fileRule{
	OwnerDocument: {"a PDF", func(k storage.Kind) bool { return k == storage.PDF }, "documents/"},
	OwnerComment:  {"a PDF, ODT or DOCX document", func(k storage.Kind) bool { return k != storage.Unknown }, "comments/"},
}

// AcceptedFiles says in words which files an owner (OwnerDocument or OwnerComment) accepts, such
// as "a PDF".
func AcceptedFiles(ownerType string) string { return fileRules[ownerType].what }

// attachmentTooLarge is the answer to a file over MaxAttachmentBytes.
func attachmentTooLarge() error {
	return &Error{Code: CodePayloadTooLarge, Message: "the file is larger than 10 MB"}
}

// AttachFile is the command that attaches an uploaded file: the official PDF of a draft (by a
// moderator), or a position paper (PDF, ODT or DOCX) to the actor's own comment while it may still
// change. The type is read from the content, never the name. The file is written to the store
// first, outside the transaction; then, in one transaction, the owner is checked, the row stored
// and, for a document, the audit event recorded. If the transaction fails the file is removed,
// so no row names a missing file.
func AttachFile(ctx context.Context, db *gorm.DB, files storage.Store, actor *User, in NewAttachment, now time.Time) (*Attachment, error) {
	rule, ok := fileRules[in.OwnerType]
	if !ok || !ValidID(in.OwnerID) {
		return nil, NotFound(in.OwnerType)
	}
	if in.Size > MaxAttachmentBytes {
		return nil, attachmentTooLarge()
	}
	kind, err := storage.DetectDocument(in.Content, in.Size)
	if err != nil || !rule.accept(kind) {
		return nil, &Error{Code: CodeUnsupportedMediaType, Message: "the file is not " + rule.what + " (its content was checked, not its name)"}
	}
	if _, err := in.Content.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	a := &Attachment{ID: NewID(), OwnerType: in.OwnerType, OwnerID: in.OwnerID, FileName: SafeFileName(in.FileName, kind.Ext()),
		ContentType: kind.MIME(), UploadedBy: actorID(actor), CreatedAt: now}
	a.StorageKey = rule.prefix + in.OwnerID + "/" + a.ID + kind.Ext()
	if a.SizeBytes, a.SHA256, err = files.Put(ctx, a.StorageKey, in.Content, MaxAttachmentBytes); err != nil {
		if errors.Is(err, storage.ErrTooLarge) {
			return nil, attachmentTooLarge()
		}
		return nil, err
	}
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := checkAttachmentOwner(ctx, tx, actor, in, now); err != nil {
			return err
		}
		if err := tx.Create(a).Error; err != nil {
			return err
		}
		if in.OwnerType != OwnerDocument {
			return nil // a stakeholder's own upload, not a staff action
		}
		return RecordAudit(ctx, tx, AuditEntry{ActorID: a.UploadedBy, Action: "document.attachment_added", SubjectType: "document", SubjectID: in.OwnerID,
			After: map[string]any{"id": a.ID, "file_name": a.FileName, "content_type": a.ContentType, "size_bytes": a.SizeBytes, "sha256": a.SHA256,
				"url": "/api/v1/attachments/" + a.ID, "created_at": a.CreatedAt.UTC()}}, now)
	})
	if err != nil {
		_ = files.Delete(context.WithoutCancel(ctx), a.StorageKey) // also when the caller has gone
		return nil, err
	}
	return a, nil
}

// checkAttachmentOwner checks that the owner may take the file: a document exists; a comment is
// the actor's own and may still change.
func checkAttachmentOwner(ctx context.Context, tx *gorm.DB, actor *User, in NewAttachment, now time.Time) error {
	if in.OwnerType == OwnerComment {
		if actor == nil {
			return NotFound("comment")
		}
		_, err := AuthorsOpenComment(ctx, tx, in.OwnerID, actor, now)
		return err
	}
	ok, err := documentExists(tx, in.OwnerID)
	if err == nil && !ok {
		err = NotFound("document")
	}
	return err
}
