package models

import "time"

// Comment statuses.
const (
	CommentSubmitted = "submitted"
	CommentPublished = "published"
	CommentRejected  = "rejected"
	CommentWithdrawn = "withdrawn"
)

// Publication choices a stakeholder makes for each comment.
const (
	PublicNamed     = "public_named"
	PublicAnonymous = "public_anonymous"
	Confidential    = "confidential"
)

// Comment types of the standards-body template.
var CommentTypes = []string{"general", "technical", "editorial"}

// Comment is a stakeholder's structured comment on a consultation, anchored to a clause (or
// general when ClauseID is nil) and optionally to a quoted passage of it.
type Comment struct {
	ID             string  `gorm:"primaryKey"`
	ConsultationID string  `gorm:"not null;uniqueIndex:comments_tracking_key,priority:1;index:comments_consultation_status_idx,priority:1"`
	ClauseID       *string `gorm:"index:comments_clause_idx"`
	AuthorID       *string `gorm:"index:comments_author_idx"`
	CommentType    string  `gorm:"not null"`
	Body           string  `gorm:"not null"`
	ProposedChange string  `gorm:"not null"`
	QuoteExact     string  `gorm:"not null"`
	QuotePrefix    string  `gorm:"not null"`
	QuoteSuffix    string  `gorm:"not null"`
	Publication    string  `gorm:"not null"`
	Language       string  `gorm:"not null"`
	Status         string  `gorm:"not null;index:comments_consultation_status_idx,priority:2"`
	TrackingNumber string  `gorm:"not null;uniqueIndex:comments_tracking_key,priority:2"`
	Version        int     `gorm:"not null"`
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// CommentRevision keeps a comment's earlier text each time its author edits it.
type CommentRevision struct {
	ID             string `gorm:"primaryKey"`
	CommentID      string `gorm:"not null;uniqueIndex:comment_revisions_version_key,priority:1"`
	Version        int    `gorm:"not null;uniqueIndex:comment_revisions_version_key,priority:2"`
	CommentType    string `gorm:"not null"`
	Body           string `gorm:"not null"`
	ProposedChange string `gorm:"not null"`
	Publication    string `gorm:"not null"`
	CreatedAt      time.Time
}

// IdempotencyKey remembers the answer to a POST made with an Idempotency-Key header, so that a
// retry gets the first answer instead of a second comment.
type IdempotencyKey struct {
	UserID         string `gorm:"primaryKey"`
	Key            string `gorm:"primaryKey"`
	RequestHash    string `gorm:"not null"`
	ResponseStatus int    `gorm:"not null"`
	ResponseBody   string `gorm:"not null"`
	CreatedAt      time.Time
}
