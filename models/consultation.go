package models

import (
	"fmt"
	"time"
)

// ConsultationStatus is derived from the server clock, never stored.
type ConsultationStatus string

// The statuses of a consultation window.
const (
	StatusUpcoming ConsultationStatus = "upcoming"
	StatusOpen     ConsultationStatus = "open"
	StatusClosed   ConsultationStatus = "closed"
)

// Consultation is a window during which the public may comment on a document.
type Consultation struct {
	ID          string    `gorm:"primaryKey"`
	DocumentID  string    `gorm:"not null;index:consultations_document_idx"`
	Title       string    `gorm:"not null"`
	Description string    `gorm:"not null"`
	OpensAt     time.Time `gorm:"not null"`
	ClosesAt    time.Time `gorm:"not null"`
	CreatedBy   *string
	Version     int `gorm:"not null"`
	CreatedAt   time.Time
	UpdatedAt   time.Time

	// ReportPublishedAt is when the disposition-of-comments report was published; until then the
	// public sees no resolutions or responses.
	ReportPublishedAt *time.Time
}

// RequireOpen answers consultation_not_open unless the window is open at now, saying when it is.
func (c *Consultation) RequireOpen(now time.Time) error {
	if st := c.StatusAt(now); st != StatusOpen {
		return &Error{Code: CodeConsultationNotOpen, Message: fmt.Sprintf("the consultation is %s: comments are accepted and changed from %s to %s (UTC)",
			st, c.OpensAt.UTC().Format(time.RFC3339), c.ClosesAt.UTC().Format(time.RFC3339))}
	}
	return nil
}

// StatusAt says whether the window is upcoming, open or closed at now: open means
// opens_at <= now < closes_at, to the second.
func (c *Consultation) StatusAt(now time.Time) ConsultationStatus {
	switch {
	case now.Before(c.OpensAt):
		return StatusUpcoming
	case now.Before(c.ClosesAt):
		return StatusOpen
	default:
		return StatusClosed
	}
}
