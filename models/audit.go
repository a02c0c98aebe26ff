package models

import "time"

// AuditEvent is one staff action in the append-only, hash-chained audit trail: each event carries
// the hash of the one before, so a changed or deleted event breaks the chain.
type AuditEvent struct {
	ID          string `gorm:"primaryKey"`
	Seq         int64  `gorm:"not null;uniqueIndex:audit_events_seq_key"`
	ActorID     *string
	Action      string `gorm:"not null"`
	SubjectType string `gorm:"not null"`
	SubjectID   string `gorm:"not null"`
	BeforeJSON  string `gorm:"column:before_json;not null"`
	AfterJSON   string `gorm:"column:after_json;not null"`
	CreatedAt   time.Time
	PrevHash    string `gorm:"not null"`
	Hash        string `gorm:"not null"`
}
