package models

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Resolutions a moderator records on a comment.
var Resolutions = []string{"accepted", "partially_accepted", "not_accepted", "noted"}

// Disposition is the agency's decision on one comment and its response, for the
// disposition-of-comments report. NextClauseRef names the clause of the next draft that answers it.
type Disposition struct {
	CommentID     string    `gorm:"primaryKey" json:"comment_id"`
	Resolution    string    `gorm:"not null" json:"resolution"`
	Response      string    `gorm:"not null" json:"response"`
	NextClauseRef string    `gorm:"not null" json:"next_clause_ref"`
	DecidedBy     *string   `json:"decided_by"`
	Version       int       `gorm:"not null" json:"version"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// DispositionInput is a moderator's decision; Version is the current disposition's version, nil
// when recording the first one.
type DispositionInput struct {
	Resolution    string
	Response      string
	NextClauseRef string
	Version       *int
}

// validate lists every fault of the input that needs no database.
func (in DispositionInput) validate() []FieldError {
	var errs []FieldError
	if !slices.Contains(Resolutions, in.Resolution) {
		errs = append(errs, FieldError{Field: "resolution", Message: "must be " + strings.Join(Resolutions, ", ")})
	}
	errs = appendIf(errs, checkLongText("response", in.Response, true, MaxCommentBody), checkText("next_clause_ref", in.NextClauseRef, false, 40))
	if in.Version != nil {
		errs = appendIf(errs, checkVersion("version", *in.Version))
	}
	return errs
}

// RecordDisposition is the command that creates or replaces a comment's disposition with
// optimistic locking; in one transaction it checks the comment and the version, writes the
// disposition and records the audit event. Only a published comment takes one (a confidential
// comment accepted into the record is published too); any other answers not_moderated. Once the
// consultation's disposition-of-comments report is published, its dispositions are final: a conflict.
func RecordDisposition(ctx context.Context, db *gorm.DB, moderator *User, commentID string, in DispositionInput, now time.Time) (*Disposition, error) {
	if errs := in.validate(); len(errs) > 0 {
		return nil, Invalid("the disposition has invalid fields", errs...)
	}
	var d Disposition
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, err := FindComment(ctx, tx, commentID, moderator)
		if err != nil {
			return err
		}
		if err := lockOpenRecord(ctx, tx, c.ConsultationID); err != nil {
			return err
		}
		if c.Status != CommentPublished {
			return &Error{Code: CodeNotModerated, Message: "the comment is " + c.Status + ": only a published comment takes a disposition"}
		}
		err = tx.Where("comment_id = ?", c.ID).Take(&d).Error
		exists := err == nil
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		switch {
		case exists && in.Version == nil:
			return Conflict("the comment already has a disposition (version " + itoa(d.Version) + "); send that version to change it")
		case !exists && in.Version != nil:
			return Conflict("the comment has no disposition yet; omit version to record the first one")
		case exists && *in.Version != d.Version:
			return Conflict("the disposition has changed since version " + itoa(*in.Version) + "; reload it (current version " + itoa(d.Version) + ")")
		}
		before := d
		if !exists {
			d = Disposition{CommentID: c.ID, Version: 1, CreatedAt: now}
		} else {
			d.Version++
		}
		d.Resolution, d.Response, d.NextClauseRef, d.DecidedBy, d.UpdatedAt = in.Resolution, in.Response, strings.TrimSpace(in.NextClauseRef), &moderator.ID, now
		if exists {
			if err := updateSeenVersion(tx, &Disposition{}, "comment_id", c.ID, *in.Version, map[string]any{
				"resolution": d.Resolution, "response": d.Response, "next_clause_ref": d.NextClauseRef, "decided_by": d.DecidedBy,
				"version": d.Version, "updated_at": now,
			}, "another moderator changed the disposition at the same time; reload it"); err != nil {
				return err
			}
		} else if err := tx.Create(&d).Error; err != nil {
			if errors.Is(err, gorm.ErrDuplicatedKey) {
				return Conflict("another moderator recorded a disposition at the same time; reload it")
			}
			return err
		}
		var beforeAny any
		if exists {
			beforeAny = before
		}
		return RecordAudit(ctx, tx, AuditEntry{ActorID: &moderator.ID, Action: "comment.disposition", SubjectType: "comment", SubjectID: c.ID,
			Before: beforeAny, After: d}, now)
	})
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// DispositionsOf returns the dispositions of the given comments by comment id.
func DispositionsOf(ctx context.Context, db *gorm.DB, commentIDs []string) (map[string]Disposition, error) {
	out := map[string]Disposition{}
	if len(commentIDs) == 0 {
		return out, nil
	}
	var ds []Disposition
	if err := db.WithContext(ctx).Where("comment_id IN ?", commentIDs).Find(&ds).Error; err != nil {
		return nil, err
	}
	for _, d := range ds {
		out[d.CommentID] = d
	}
	return out, nil
}
