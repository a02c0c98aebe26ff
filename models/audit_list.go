package models

import (
	"context"
	"strconv"

	"gorm.io/gorm"
)

// AuditQuery filters the audit trail. Cursor is the sequence number of the last event seen.
type AuditQuery struct {
	Action    string
	SubjectID string
	ActorID   string
	Cursor    string
	Limit     int
}

// ListAudit returns audit events newest first, with the cursor of the next page.
func ListAudit(ctx context.Context, db *gorm.DB, q AuditQuery) ([]AuditEvent, *string, error) {
	tx := db.WithContext(ctx).Order("seq DESC").Limit(q.Limit + 1)
	if q.Cursor != "" {
		seq, err := decodeSeqCursor(q.Cursor)
		if err != nil {
			return nil, nil, err
		}
		tx = tx.Where("seq < ?", seq)
	}
	if tooLong(q.Action, MaxAuditAction) {
		return nil, nil, Invalid("the query has invalid parameters", FieldError{Field: "action", Message: "is longer than " + strconv.Itoa(MaxAuditAction) + " characters"})
	}
	if q.Action != "" {
		tx = tx.Where("action = ?", q.Action)
	}
	if q.SubjectID != "" {
		if !ValidID(q.SubjectID) {
			return nil, nil, Invalid("the query has invalid parameters", FieldError{Field: "subject_id", Message: "is not an id"})
		}
		tx = tx.Where("subject_id = ?", q.SubjectID)
	}
	if q.ActorID != "" {
		if !ValidID(q.ActorID) {
			return nil, nil, Invalid("the query has invalid parameters", FieldError{Field: "actor_id", Message: "is not a user id"})
		}
		tx = tx.Where("actor_id = ?", q.ActorID)
	}
	var events []AuditEvent
	if err := tx.Find(&events).Error; err != nil {
		return nil, nil, err
	}
	events, next := nextCursor(events, q.Limit, func(e AuditEvent) string { return strconv.FormatInt(e.Seq, 10) })
	return events, next, nil
}
