package models

import (
	"context"
	"crypto/hmac"
	"errors"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// AuditCheckpoint is the length of the audit chain and the hash of its newest event at a moment,
// signed with the audit key. Deleting the newest events leaves a shorter chain that still holds;
// checked against an earlier checkpoint it falls short, and only a holder of the key can sign a
// checkpoint that would hide it.
type AuditCheckpoint struct {
	Events int64     `json:"events"`
	Head   string    `json:"head"`
	At     time.Time `json:"at"`
	MAC    string    `json:"mac"`
}

// AuditCheckpointError says how the chain fails a checkpoint.
type AuditCheckpointError struct {
	At     time.Time
	Reason string
}

func (e *AuditCheckpointError) Error() string {
	return "audit checkpoint of " + e.At.UTC().Format(time.RFC3339) + ": " + e.Reason
}

// TakeAuditCheckpoint reads the chain's length and head in one query and signs them.
func TakeAuditCheckpoint(ctx context.Context, db *gorm.DB, now time.Time) (*AuditCheckpoint, error) {
	cp := &AuditCheckpoint{At: now.UTC().Truncate(time.Second)}
	var last AuditEvent
	err := db.WithContext(ctx).Select("seq", "hash").Order("seq DESC").Limit(1).Take(&last).Error
	switch {
	case err == nil:
		cp.Events, cp.Head = last.Seq, last.Hash
	case !errors.Is(err, gorm.ErrRecordNotFound):
		return nil, err
	}
	if cp.MAC, err = auditMAC(db, cp.fields()...); err != nil {
		return nil, err
	}
	return cp, nil
}

// CheckAuditCheckpoint checks that the checkpoint is signed with the handle's audit key and that
// the chain still reaches it: the event at the checkpoint's position exists and has its hash. It
// does not walk the chain; VerifyAudit does.
func CheckAuditCheckpoint(ctx context.Context, db *gorm.DB, cp *AuditCheckpoint) error {
	want, err := auditMAC(db, cp.fields()...)
	if err != nil {
		return err
	}
	if !hmac.Equal([]byte(want), []byte(cp.MAC)) {
		return &AuditCheckpointError{At: cp.At, Reason: "it is not signed with this audit key (forged, or written with another key)"}
	}
	if cp.Events == 0 {
		return nil
	}
	var ev AuditEvent
	err = db.WithContext(ctx).Select("seq", "hash").Where("seq = ?", cp.Events).Take(&ev).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		var have int64
		if err := db.WithContext(ctx).Model(&AuditEvent{}).Count(&have).Error; err != nil {
			return err
		}
		return &AuditCheckpointError{At: cp.At, Reason: fmt.Sprintf("the trail has %d events, the checkpoint recorded %d: events were deleted", have, cp.Events)}
	}
	if err != nil {
		return err
	}
	if !hmac.Equal([]byte(ev.Hash), []byte(cp.Head)) {
		return &AuditCheckpointError{At: cp.At, Reason: fmt.Sprintf("event %d is not the one the checkpoint recorded: the trail was rewritten", cp.Events)}
	}
	return nil
}

// fields are what the checkpoint's MAC covers, after a label that sets them apart from an event's.
func (c *AuditCheckpoint) fields() []string {
	return []string{"consult audit checkpoint", strconv.FormatInt(c.Events, 10), c.Head, c.At.UTC().Format(time.RFC3339Nano)}
}
