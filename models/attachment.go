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
