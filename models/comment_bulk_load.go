package models

import (
	"context"
	"slices"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// LoadedComment is one comment of a bulk load: what its author submitted, when, and where
// moderation left it.
type LoadedComment struct {
	Author *User
	In     NewComment
	At     time.Time
	// Status is submitted, published, rejected or withdrawn; a moderated one (published or
	// rejected) names the moderator of LoadComments.
	Status string
	// RedactedBody, when set on a published comment, is what the public reads instead of the body.
	RedactedBody *string
}

// LoadComments stores many comments of one consultation at once, for the benchmark data
// generator (consult bench-data): each row is checked and built as SubmitComment builds it (its
// near-duplicate signature included) and inserted in batches with its tracking number, in one
// transaction. Unlike the stakeholder's command it queues no receipt mail and records no audit
// event, and the window need not be open. The anchor of a quote is not checked: the caller takes
// quotes from the clauses it names.
func LoadComments(ctx context.Context, db *gorm.DB, moderator *User, con *Consultation, rows []LoadedComment) error {
	var fields []FieldError
	out := make([]*Comment, len(rows))
	for i, r := range rows {
		for _, fe := range r.In.validate() {
			fields = append(fields, FieldError{Field: "row " + strconv.Itoa(i) + ": " + fe.Field, Message: fe.Message})
		}
		if !slices.Contains([]string{CommentSubmitted, CommentPublished, CommentRejected, CommentWithdrawn}, r.Status) {
			fields = append(fields, FieldError{Field: "row " + strconv.Itoa(i) + ": status", Message: "must be submitted, published, rejected or withdrawn"})
		}
		c := newCommentRow(con, r.Author, r.In, r.At.Truncate(time.Microsecond))
		c.Status = r.Status
		if r.Status == CommentPublished || r.Status == CommentRejected {
			moderated := c.CreatedAt.Add(time.Hour)
			c.ModeratedBy, c.ModeratedAt, c.UpdatedAt, c.Version = &moderator.ID, &moderated, moderated, 2
		}
		if r.Status == CommentPublished {
			c.RedactedBody = r.RedactedBody
		}
		out[i] = c
	}
	if len(fields) > 0 {
		return Invalid("some loaded comments are not valid; nothing was stored", fields...)
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := insertWithTrackingNumbers(tx, con, out); err != nil {
			return err
		}
		return countLoaded(tx, out)
	})
}

// countLoaded adds the loaded comments that the public reads to their clauses' heat-map counts,
// as ModerateComment does for each comment it publishes.
func countLoaded(tx *gorm.DB, loaded []*Comment) error {
	perClause := map[string]int{}
	for _, c := range loaded {
		if c.Status == CommentPublished && c.ClauseID != nil && c.Publication != Confidential {
			perClause[*c.ClauseID]++
		}
	}
	for id, n := range perClause {
		err := tx.Model(&Clause{}).Where("id = ?", id).Update("published_comment_count", gorm.Expr("published_comment_count + ?", n)).Error
		if err != nil {
			return err
		}
	}
	return nil
}
