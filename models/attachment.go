package models

import (
	"context"
	"path"
	"strings"
	"time"
	"unicode"

	"gorm.io/gorm"
)

// Attachment owners.
const (
	OwnerDocument = "document"
	OwnerComment  = "comment"
)

// Attachment is an uploaded file kept in the file store (not the database): the official PDF of
// a draft, or a position paper attached to a comment. Its type was checked by content.
type Attachment struct {
	ID          string    `gorm:"primaryKey" json:"id"`
	OwnerType   string    `gorm:"not null;index:attachments_owner_idx,priority:1" json:"owner_type"`
	OwnerID     string    `gorm:"not null;index:attachments_owner_idx,priority:2" json:"owner_id"`
	FileName    string    `gorm:"not null" json:"file_name"`
	ContentType string    `gorm:"not null" json:"content_type"`
	SizeBytes   int64     `gorm:"not null" json:"size_bytes"`
	SHA256      string    `gorm:"column:sha256;not null" json:"sha256"`
	StorageKey  string    `gorm:"not null;uniqueIndex:attachments_storage_key_key" json:"storage_key"`
	UploadedBy  *string   `json:"uploaded_by"`
	CreatedAt   time.Time `json:"created_at"`
}

// MaxAttachmentBytes bounds an uploaded file.
const MaxAttachmentBytes = 10 << 20

// SafeFileName keeps the base name of an uploaded file's name, at most 200 characters, without
// quotes, path separators, control characters or format characters: the bidirectional controls
// (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F, U+061C) that make "invoice\u202Efdp.exe"
// show as "invoiceexe.pdf", zero-width characters and line separators. It names the download,
// nothing else, and always ends in ext.
func SafeFileName(name, ext string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp) || strings.ContainsRune(`"/\;`, r) {
			return -1
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 200 {
		name = string(r[:200])
	}
	if strings.Trim(name, ".") == "" {
		name = "attachment"
	}
	if !strings.HasSuffix(strings.ToLower(name), ext) {
		name += ext
	}
	return name
}

// OwnerAttachments lists the files attached to a document or comment, oldest first.
func OwnerAttachments(ctx context.Context, db *gorm.DB, ownerType, ownerID string) ([]Attachment, error) {
	var out []Attachment
	err := db.WithContext(ctx).Where("owner_type = ? AND owner_id = ?", ownerType, ownerID).Order("created_at, id").Find(&out).Error
	return out, err
}

// FindAttachment returns an attachment the caller may download: a document's once the document
// is visible to them, a comment's when they may read the comment (so never the public's when the
// comment is confidential). Others are not found.
func FindAttachment(ctx context.Context, db *gorm.DB, id string, viewer *User, now time.Time) (*Attachment, error) {
	a, err := findByID[Attachment](db.WithContext(ctx), id, "attachment")
	if err != nil {
		return nil, err
	}
	staff := viewer != nil && viewer.Role.AtLeast(RoleModerator)
	switch a.OwnerType {
	case OwnerDocument:
		if _, err := FindDocument(ctx, db, a.OwnerID, staff, now); err != nil {
			return nil, NotFound("attachment")
		}
	case OwnerComment:
		if _, err := FindComment(ctx, db, a.OwnerID, viewer); err != nil {
			return nil, NotFound("attachment")
		}
	default:
		return nil, NotFound("attachment")
	}
	return a, nil
}
