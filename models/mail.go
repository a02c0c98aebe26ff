package models

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Mail statuses.
const (
	MailPending = "pending"
	MailSent    = "sent"
	MailFailed  = "failed"
)

// MailMessage is a mail waiting in the outbox or already sent. Mails are written in the same
// transaction as the action that causes them and sent later by a worker, with retries.
type MailMessage struct {
	ID            string    `gorm:"primaryKey"`
	ToAddress     string    `gorm:"not null"`
	Subject       string    `gorm:"not null"`
	BodyText      string    `gorm:"not null"`
	Status        string    `gorm:"not null;index:mail_outbox_due_idx,priority:1"`
	Attempts      int       `gorm:"not null"`
	NextAttemptAt time.Time `gorm:"not null;index:mail_outbox_due_idx,priority:2"`
	LockedUntil   *time.Time
	LastError     string `gorm:"not null"`
	CreatedAt     time.Time
	SentAt        *time.Time
}

// TableName keeps the table's name telling: it is the outbox.
func (MailMessage) TableName() string { return "mail_outbox" }

// MaxMailAttempts is how often a mail is tried before it is marked failed.
const MaxMailAttempts = 8

// EnqueueMail puts a mail in the outbox; call it in the transaction of the action that causes it.
func EnqueueMail(ctx context.Context, tx *gorm.DB, to, subject, body string, now time.Time) error {
	return tx.WithContext(ctx).Create(newMail(to, subject, body, now)).Error
}

// newMail is the outbox row of a mail due now.
func newMail(to, subject, body string, now time.Time) *MailMessage {
	return &MailMessage{ID: NewID(), ToAddress: to, Subject: subject, BodyText: body, Status: MailPending, NextAttemptAt: now, CreatedAt: now}
}

// ClaimDueMail takes up to limit mails due by dueBy (at the latest now) for this worker, the
// longest due first (ClaimMail).
func ClaimDueMail(ctx context.Context, db *gorm.DB, limit int, dueBy time.Time, lease time.Duration, now time.Time) ([]MailMessage, error) {
	var ids []string
	err := db.WithContext(ctx).Model(&MailMessage{}).
		Where("status = ? AND next_attempt_at <= ? AND (locked_until IS NULL OR locked_until < ?)", MailPending, dueBy, now).
		Order("next_attempt_at").Limit(limit).Pluck("id", &ids).Error
	if err != nil {
		return nil, err
	}
	return ClaimMail(ctx, db, ids, lease, now)
}

// ClaimMail takes those of the mails ids that are due and not claimed for this worker, with one
// conditional update by primary key that re-checks every row's claim and returns the rows it
// took, so two server processes never send the same mail at once (PostgreSQL re-evaluates the
// condition on a row another claim changed). A claim lapses after lease.
func ClaimMail(ctx context.Context, db *gorm.DB, ids []string, lease time.Duration, now time.Time) ([]MailMessage, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var claimed []MailMessage
	err := db.WithContext(ctx).Model(&claimed).Clauses(clause.Returning{}).
		Where("id IN ? AND status = ? AND next_attempt_at <= ? AND (locked_until IS NULL OR locked_until < ?)", ids, MailPending, now, now).
		Updates(map[string]any{"locked_until": now.Add(lease), "attempts": gorm.Expr("attempts + 1")}).Error
	if err != nil {
		return nil, err
	}
	return claimed, nil
}

// MarkMailsSent records delivered mails, in one statement.
func MarkMailsSent(ctx context.Context, db *gorm.DB, ids []string, now time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	return db.WithContext(ctx).Model(&MailMessage{}).Where("id IN ?", ids).
		Updates(map[string]any{"status": MailSent, "sent_at": now, "locked_until": nil, "last_error": ""}).Error
}

// MarkMailFailed schedules another attempt with exponential backoff (30 s, 1 min, 2 min …), or
// gives up after MaxMailAttempts; the mail stays in the outbox either way.
func MarkMailFailed(ctx context.Context, db *gorm.DB, m MailMessage, cause string, now time.Time) error {
	status := MailPending
	if m.Attempts >= MaxMailAttempts {
		status = MailFailed
	}
	backoff := 30 * time.Second << min(m.Attempts-1, 10)
	return db.WithContext(ctx).Model(&MailMessage{}).Where("id = ?", m.ID).Updates(map[string]any{
		"status": status, "next_attempt_at": now.Add(backoff), "locked_until": nil, "last_error": truncate(cause, 500),
	}).Error
}
