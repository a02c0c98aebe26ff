package models

import "time"

// Attachment owners.
const (
	OwnerDocument = "document"
	OwnerComment  = "comment"
)

// Attachment is an uploaded file kept in the file store (not the database): the official PDF of
// a draft, or a position paper attached to a comment. Its type was checked by content.
type Attachment struct {
	ID          string `gorm:"primaryKey"`
	OwnerType   string `gorm:"not null;index:attachments_owner_idx,priority:1"`
	OwnerID     string `gorm:"not null;index:attachments_owner_idx,priority:2"`
	FileName    string `gorm:"not null"`
	ContentType string `gorm:"not null"`
	SizeBytes   int64  `gorm:"not null"`
	SHA256      string `gorm:"column:sha256;not null"`
	StorageKey  string `gorm:"not null;uniqueIndex:attachments_storage_key_key"`
	UploadedBy  *string
	CreatedAt   time.Time
}
