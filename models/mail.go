package models

import "time"

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
