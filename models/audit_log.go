package models

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
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

// RecordAudit appends an event to the chain. Call it inside the transaction that makes the change,
// so the change and its record commit together.
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
	ev.Hash = auditHash(ev)
	return tx.Create(ev).Error
}

// auditHash covers every field of the event and the previous event's hash.
func auditHash(e *AuditEvent) string {
	actor := ""
	if e.ActorID != nil {
		actor = *e.ActorID
	}
	fields := []string{e.PrevHash, strconv.FormatInt(e.Seq, 10), e.ID, actor, e.Action, e.SubjectType, e.SubjectID,
		e.BeforeJSON, e.AfterJSON, e.CreatedAt.UTC().Format(time.RFC3339Nano)}
	sum := sha256.Sum256([]byte(strings.Join(fields, "\x1f")))
	return hex.EncodeToString(sum[:])
}

// AuditBreak describes where the chain does not hold.
type AuditBreak struct {
	Seq    int64
	Reason string
}

func (b *AuditBreak) Error() string {
	return "audit trail broken at event " + strconv.FormatInt(b.Seq, 10) + ": " + b.Reason
}

// VerifyAudit walks the whole chain in order and returns the number of events checked, or an
// *AuditBreak naming the first event that was changed, inserted or deleted.
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
			case auditHash(e) != e.Hash:
				return &AuditBreak{Seq: e.Seq, Reason: "its content does not match its hash (changed after it was written)"}
			}
			prevHash, wantSeq = e.Hash, e.Seq+1
			n++
		}
		return nil
	}).Error
	return n, err
}
