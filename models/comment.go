package models

import (
	"strings"
	"sync"
	"time"

	"gorm.io/gorm/schema"
)

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
	ID             string     `gorm:"primaryKey;index:comments_consultation_status_idx,priority:3;index:comments_consultation_id_idx,priority:2;index:comments_consultation_clause_idx,priority:3" json:"id"`
	ConsultationID string     `gorm:"not null;uniqueIndex:comments_tracking_key,priority:1;index:comments_consultation_status_idx,priority:1;index:comments_consultation_id_idx,priority:1;index:comments_consultation_clause_idx,priority:1" json:"consultation_id"`
	ClauseID       *string    `gorm:"index:comments_clause_idx;index:comments_consultation_clause_idx,priority:2" json:"clause_id"`
	AuthorID       *string    `gorm:"index:comments_author_idx" json:"author_id"`
	CommentType    string     `gorm:"not null" json:"comment_type"`
	Body           string     `gorm:"not null" json:"body"`
	ProposedChange string     `gorm:"not null" json:"proposed_change"`
	QuoteExact     string     `gorm:"not null" json:"quote_exact"`
	QuotePrefix    string     `gorm:"not null" json:"quote_prefix"`
	QuoteSuffix    string     `gorm:"not null" json:"quote_suffix"`
	Publication    string     `gorm:"not null" json:"publication"`
	Language       string     `gorm:"not null" json:"language"`
	Status         string     `gorm:"not null;index:comments_consultation_status_idx,priority:2" json:"status"`
	TrackingNumber string     `gorm:"not null;uniqueIndex:comments_tracking_key,priority:2" json:"tracking_number"`
	Version        int        `gorm:"not null" json:"version"`
	RedactedBody   *string    `json:"redacted_body"`
	ReasonCode     string     `gorm:"not null" json:"reason_code"`
	ModerationNote string     `gorm:"not null" json:"moderation_note"`
	ModeratedBy    *string    `json:"moderated_by"`
	ModeratedAt    *time.Time `json:"moderated_at"`
	Signature      []byte     `json:"-"`
	ParagraphRef   string     `gorm:"not null" json:"paragraph_ref"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`

	// RedactedProposedChange is what the public reads instead of ProposedChange once redacted.
	RedactedProposedChange *string `json:"redacted_proposed_change"`
}

// commentColumns lists the columns of Comment, qualified by the table, for queries that join
// other tables: unlike comments.*, it leaves out what only the database reads (search_vector on
// PostgreSQL, as long as the comment's texts).
var commentColumns = func() string {
	s, err := schema.Parse(&Comment{}, &sync.Map{}, schema.NamingStrategy{})
	if err != nil {
		panic(err)
	}
	cols := make([]string, 0, len(s.DBNames))
	for _, name := range s.DBNames {
		cols = append(cols, "comments."+name)
	}
	return strings.Join(cols, ", ")
}()

// CommentRevision keeps a comment's earlier text each time its author edits it.
type CommentRevision struct {
	ID             string    `gorm:"primaryKey" json:"id"`
	CommentID      string    `gorm:"not null;uniqueIndex:comment_revisions_version_key,priority:1" json:"comment_id"`
	Version        int       `gorm:"not null;uniqueIndex:comment_revisions_version_key,priority:2" json:"version"`
	CommentType    string    `gorm:"not null" json:"comment_type"`
	Body           string    `gorm:"not null" json:"body"`
	ProposedChange string    `gorm:"not null" json:"proposed_change"`
	Publication    string    `gorm:"not null" json:"publication"`
	CreatedAt      time.Time `json:"created_at"`
}

// NamesItsAuthor is the publication choice's rule for public answers and exports: the author's
// name and organisation appear only on a comment published as public_named. (Confidential
// comments appear in no public answer at all; stakeholder type and country always may.)
func (c *Comment) NamesItsAuthor() bool { return c.Publication == PublicNamed }

// Bounds of a comment's texts, in characters.
const (
	MaxCommentBody  = 20000
	MaxQuoteContext = 500
)

// Quote anchors a comment to a passage of its clause: the exact text and a little context.
type Quote struct {
	Exact  string
	Prefix string
	Suffix string
}

// CanReadComment is the object-level rule for reading one comment: whoever sees it whole, and
// anyone once it is published and not confidential (in its public form).
func CanReadComment(c *Comment, viewer *User) bool {
	return SeesWholeComment(c, viewer) || (c.Status == CommentPublished && c.Publication != Confidential)
}

// SeesWholeComment says whether viewer sees all of a comment (the original texts, the moderation,
// the disposition before it is public): its author and staff do.
func SeesWholeComment(c *Comment, viewer *User) bool {
	return viewer != nil && (viewer.Role.AtLeast(RoleModerator) || (c.AuthorID != nil && *c.AuthorID == viewer.ID))
}
