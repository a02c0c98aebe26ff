package models

import (
	"context"
	"crypto/hmac"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// auditLockID serialises appends to the audit chain on PostgreSQL (SQLite serialises writers).
const auditLockID = 7_262_001

// AuditEntry is a staff action to record.
type AuditEntry struct {
	ActorID     *string
	Action      string
	SubjectType string
	SubjectID   string
	Before      any
	After       any
}

// RecordAudit appends an event to the chain, keyed with the handle's audit key (UseAuditKey). Call
// it inside the transaction that makes the change, so the change and its record commit together.
func RecordAudit(ctx context.Context, tx *gorm.DB, e AuditEntry, now time.Time) error {
	tx = tx.WithContext(ctx)
	if tx.Name() == "postgres" {
		if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", auditLockID).Error; err != nil {
			return err
		}
	}
	var last AuditEvent
	prevHash, seq := "", int64(1)
	err := tx.Order("seq DESC").Limit(1).Take(&last).Error
	switch {
	case err == nil:
		prevHash, seq = last.Hash, last.Seq+1
	case !errors.Is(err, gorm.ErrRecordNotFound):
		return err
	}
	before, err := json.Marshal(e.Before)
	if err != nil {
		return err
	}
	after, err := json.Marshal(e.After)
	if err != nil {
		return err
	}
	ev := &AuditEvent{
		ID: NewID(), Seq: seq, ActorID: e.ActorID, Action: e.Action, SubjectType: e.SubjectType, SubjectID: e.SubjectID,
		BeforeJSON: string(before), AfterJSON: string(after), CreatedAt: now.UTC().Truncate(time.Microsecond), PrevHash: prevHash,
	}
	if ev.Hash, err = auditMAC(tx, auditFields(ev)...); err != nil {
		return err
	}
	return tx.Create(ev).Error
}

// auditFields are what an event's hash covers: every field and the previous event's hash.
func auditFields(e *AuditEvent) []string {
	actor := ""
	if e.ActorID != nil {
		actor = *e.ActorID
	}
	return []string{e.PrevHash, strconv.FormatInt(e.Seq, 10), e.ID, actor, e.Action, e.SubjectType, e.SubjectID,
		e.BeforeJSON, e.AfterJSON, e.CreatedAt.UTC().Format(time.RFC3339Nano)}
}

// AuditBreak describes where the chain does not hold.
type AuditBreak struct {
	Seq    int64
	Reason string
}

func (b *AuditBreak) Error() string {
	return "audit trail broken at event " + strconv.FormatInt(b.Seq, 10) + ": " + b.Reason
}

// VerifyAudit walks the whole chain in order, recomputing each event's HMAC with the handle's
// audit key, and returns the number of events checked, or an *AuditBreak naming the first event
// that was changed, inserted or deleted. Without the key nobody can recompute a valid chain, so a
// rewritten trail fails even when every plain hash was recomputed.
func VerifyAudit(ctx context.Context, db *gorm.DB) (int64, error) {
	var n int64
	prevHash, wantSeq := "", int64(1)
	var batch []AuditEvent
	err := db.WithContext(ctx).Order("seq").FindInBatches(&batch, 1000, func(_ *gorm.DB, _ int) error {
		for i := range batch {
			e := &batch[i]
			switch {
			case e.Seq != wantSeq:
				return &AuditBreak{Seq: wantSeq, Reason: "event missing (next event has number " + strconv.FormatInt(e.Seq, 10) + ")"}
			case e.PrevHash != prevHash:
				return &AuditBreak{Seq: e.Seq, Reason: "does not follow the previous event's hash"}
			}
			want, err := auditMAC(db, auditFields(e)...)
			if err != nil {
				return err
			}
			if !hmac.Equal([]byte(want), []byte(e.Hash)) {
				return &AuditBreak{Seq: e.Seq, Reason: hashMismatch(e)}
			}
			prevHash, wantSeq = e.Hash, e.Seq+1
			n++
		}
		return nil
	}).Error
	return n, err
}

// hashMismatch says why an event's hash is not its keyed hash, as far as can be told.
func hashMismatch(e *AuditEvent) string {
	switch {
	case unkeyedHash(auditFields(e)...) == e.Hash:
		return "its hash is a plain SHA-256 made without the audit key (rewritten by someone without the key, or written before the chain was keyed)"
	case e.Seq == 1:
		return "its content does not match its hash (changed after it was written, or the audit key is not the one that wrote the trail)"
	default:
		return "its content does not match its hash (changed after it was written)"
	}
}

// actorID is the actor a command records in the audit trail: nil for the command line.
func actorID(u *User) *string {
	if u == nil {
		return nil
	}
	return &u.ID
}
