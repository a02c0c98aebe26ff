package models

import (
	"context"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// CommentEdit is an author's change; Version must be the comment's current one (zero: not given).
type CommentEdit struct {
	CommentType    *string
	Body           *string
	ProposedChange *string
	Publication    *string
	Language       *string
	Version        int
}

// authorsOpenComment loads a comment for a change by its author: only the author finds it, only
// while the window is open, only before moderation.
func authorsOpenComment(ctx context.Context, tx *gorm.DB, id string, author *User, now time.Time) (*Comment, error) {
	c, err := FindComment(ctx, tx, id, author)
	if err != nil || c.AuthorID == nil || *c.AuthorID != author.ID {
		return nil, NotFound("comment")
	}
	con, err := FindConsultation(ctx, tx, c.ConsultationID)
	if err != nil {
		return nil, err
	}
	if err := con.RequireOpen(now); err != nil {
		return nil, err
	}
	if c.Status != CommentSubmitted {
		return nil, Conflict("the comment is " + c.Status + "; only comments not yet moderated can change")
	}
	return c, nil
}

// EditComment applies an author's edit with optimistic locking and keeps the previous text as a
// revision.
func EditComment(ctx context.Context, db *gorm.DB, id string, author *User, e CommentEdit, now time.Time) (*Comment, error) {
	var c *Comment
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if c, err = authorsOpenComment(ctx, tx, id, author, now); err != nil {
			return err
		}
		next := NewComment{ClauseID: c.ClauseID, CommentType: c.CommentType, Body: c.Body, ProposedChange: c.ProposedChange,
			Publication: c.Publication, Language: c.Language}
		for dst, src := range map[*string]*string{&next.CommentType: e.CommentType, &next.Body: e.Body, &next.ProposedChange: e.ProposedChange,
			&next.Publication: e.Publication, &next.Language: e.Language} {
			if src != nil {
				*dst = *src
			}
		}
		// Every fault of the edit is named before the version is compared.
		if errs := appendIf(next.validate(), checkVersion("version", e.Version)); len(errs) > 0 {
			return Invalid("the comment has invalid fields", errs...)
		}
		if e.Version != c.Version {
			return Conflict("the comment has changed since you read it; reload it (current version " + itoa(c.Version) + ")")
		}
		rev := &CommentRevision{ID: NewID(), CommentID: c.ID, Version: c.Version, CommentType: c.CommentType, Body: c.Body,
			ProposedChange: c.ProposedChange, Publication: c.Publication, CreatedAt: now}
		if err := updateSeenVersion(tx, &Comment{}, "id", c.ID, e.Version, map[string]any{
			"comment_type": next.CommentType, "body": next.Body, "proposed_change": next.ProposedChange,
			"publication": next.Publication, "language": next.Language, "version": c.Version + 1, "updated_at": now,
		}, commentChangedMeanwhile); err != nil {
			return err
		}
		c.CommentType, c.Body, c.ProposedChange, c.Publication, c.Language = next.CommentType, next.Body, next.ProposedChange, next.Publication, next.Language
		c.Version++
		c.UpdatedAt = now
		return tx.Create(rev).Error
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// commentChangedMeanwhile answers an author's change that lost the race with another change.
const commentChangedMeanwhile = "the comment was changed at the same time; reload it"

// AuthorsOpenComment returns the caller's own comment when it may still change: the window is
// open and the comment not yet moderated.
func AuthorsOpenComment(ctx context.Context, db *gorm.DB, id string, author *User, now time.Time) (*Comment, error) {
	return authorsOpenComment(ctx, db.WithContext(ctx), id, author, now)
}

// WithdrawComment lets the author take back a comment not yet moderated while the window is open.
func WithdrawComment(ctx context.Context, db *gorm.DB, id string, author *User, now time.Time) error {
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, err := authorsOpenComment(ctx, tx, id, author, now)
		if err != nil {
			return err
		}
		return updateSeenVersion(tx, &Comment{}, "id", c.ID, c.Version,
			map[string]any{"status": CommentWithdrawn, "version": c.Version + 1, "updated_at": now}, commentChangedMeanwhile)
	})
}

// CommentRevisions lists the earlier versions of a comment, oldest first.
func CommentRevisions(ctx context.Context, db *gorm.DB, commentID string) ([]CommentRevision, error) {
	var out []CommentRevision
	err := db.WithContext(ctx).Where("comment_id = ?", commentID).Order("version").Find(&out).Error
	return out, err
}

func itoa(n int) string { return strconv.Itoa(n) }
