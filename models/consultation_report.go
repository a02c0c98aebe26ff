package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// MaxUndecidedListed bounds how many comments without a disposition a refused report names; the
// conflict's message gives the total.
const MaxUndecidedListed = 100

// PublishReport is the command that publishes the disposition-of-comments report of a closed
// consultation, after which the public sees every resolution and response. In one transaction it
// locks the consultation row before reading anything else (so a disposition or moderation that
// locks in the same order waits for it, or it for them), checks that the window is closed at now
// and that every published comment (a confidential one accepted into the record included) has a
// disposition, sets report_published_at, bumps the version and records the audit event
// consultation.report_published. A report already published is returned as it is, unchanged.
func PublishReport(ctx context.Context, db *gorm.DB, actor *User, consultationID string, now time.Time) (*Consultation, error) {
	var c *Consultation
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if c, err = lockConsultation(ctx, tx, consultationID); err != nil {
			return err
		}
		if c.ReportPublishedAt != nil {
			return nil
		}
		if st := c.StatusAt(now); st != StatusClosed {
			return Conflict(fmt.Sprintf("the consultation is %s until %s (UTC): its report can be published once it has closed",
				st, c.ClosesAt.UTC().Format(time.RFC3339)))
		}
		if err := requireEveryDisposition(tx, c.ID); err != nil {
			return err
		}
		before := map[string]any{"report_published_at": nil, "version": c.Version}
		at := now.UTC().Truncate(time.Microsecond)
		if err := updateSeenVersion(tx, &Consultation{}, "id", c.ID, c.Version, map[string]any{
			"report_published_at": at, "version": c.Version + 1, "updated_at": now,
		}, "the consultation was changed at the same time; try again"); err != nil {
			return err
		}
		c.ReportPublishedAt, c.Version, c.UpdatedAt = &at, c.Version+1, now
		return RecordAudit(ctx, tx, AuditEntry{ActorID: actorID(actor), Action: "consultation.report_published", SubjectType: "consultation",
			SubjectID: c.ID, Before: before, After: map[string]any{"report_published_at": at, "version": c.Version}}, now)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// lockConsultation reads a consultation for update: on PostgreSQL with SELECT ... FOR UPDATE; on
// SQLite every read-write transaction already holds the database's write lock (BEGIN IMMEDIATE).
func lockConsultation(ctx context.Context, tx *gorm.DB, id string) (*Consultation, error) {
	query := tx.WithContext(ctx)
	if tx.Name() == "postgres" {
		query = query.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	return findByID[Consultation](query, id, "consultation")
}

// lockOpenRecord locks a comment's consultation for a change to its record (a moderation or a
// disposition) and refuses the change once the disposition-of-comments report is published: the
// published report is final. Taking the same lock as PublishReport, first, means a change and
// the publication never interleave: whichever comes second sees what the first did.
func lockOpenRecord(ctx context.Context, tx *gorm.DB, consultationID string) error {
	c, err := lockConsultation(ctx, tx, consultationID)
	if err != nil {
		return err
	}
	if c.ReportPublishedAt != nil {
		return Conflict("the disposition-of-comments report of this consultation was published on " +
			c.ReportPublishedAt.UTC().Format(time.RFC3339) + ": its comments and decisions no longer change")
	}
	return nil
}

// requireEveryDisposition answers a conflict naming the published comments of a consultation that
// have no disposition yet (the first MaxUndecidedListed, by tracking number), nil when there are none.
func requireEveryDisposition(tx *gorm.DB, consultationID string) error {
	undecided := tx.Model(&Comment{}).Where("consultation_id = ? AND status = ?", consultationID, CommentPublished).
		Where("NOT EXISTS (SELECT 1 FROM dispositions d WHERE d.comment_id = comments.id)").Session(&gorm.Session{})
	var total int64
	if err := undecided.Count(&total).Error; err != nil {
		return err
	}
	if total == 0 {
		return nil
	}
	var numbers []string
	if err := undecided.Order("tracking_number").Limit(MaxUndecidedListed).
		Pluck("tracking_number", &numbers).Error; err != nil {
		return err
	}
	fields := make([]FieldError, len(numbers))
	for i, n := range numbers {
		fields[i] = FieldError{Field: "comments", Message: "comment " + n + " has no disposition"}
	}
	msg := fmt.Sprintf("%d published comment(s) have no disposition yet; record one on each before publishing the report", total)
	if int(total) > len(numbers) {
		msg += fmt.Sprintf(" (the first %d are listed)", len(numbers))
	}
	return &Error{Code: CodeConflict, Message: msg, Fields: fields}
}
