package models

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
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

// NewConsultation is a consultation window to open on a document.
type NewConsultation struct {
	DocumentID  string
	Title       string
	Description string
	OpensAt     time.Time
	ClosesAt    time.Time
}

// CreateConsultation is the command that opens a window on a document: it checks the fields and,
// in one transaction, that the document exists, stores the window and records the audit event.
// Times are kept in UTC to the second. actor is nil for the command line.
func CreateConsultation(ctx context.Context, db *gorm.DB, actor *User, in NewConsultation, now time.Time) (*Consultation, error) {
	errs := appendIf(nil, checkID("document_id", in.DocumentID, "a document id"), checkText("title", in.Title, true, 300),
		checkLongText("description", in.Description, false, 5000))
	opens, closes := in.OpensAt.UTC().Truncate(time.Second), in.ClosesAt.UTC().Truncate(time.Second)
	if in.OpensAt.IsZero() {
		errs = append(errs, FieldError{Field: "opens_at", Message: "is required"})
	}
	if in.ClosesAt.IsZero() {
		errs = append(errs, FieldError{Field: "closes_at", Message: "is required"})
	} else if !closes.After(opens) {
		errs = append(errs, FieldError{Field: "closes_at", Message: "must be after opens_at"})
	}
	if len(errs) > 0 {
		return nil, Invalid("the consultation has invalid fields", errs...)
	}
	c := &Consultation{
		ID:          NewID(),
		DocumentID:  in.DocumentID,
		Title:       strings.TrimSpace(in.Title),
		Description: strings.TrimSpace(in.Description),
		OpensAt:     opens,
		ClosesAt:    closes,
		CreatedBy:   actorID(actor),
		Version:     1,
		CreatedAt:   now,
		UpdatedAt:   now,
	}
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if ok, err := documentExists(tx, in.DocumentID); err != nil {
			return err
		} else if !ok {
			return Invalid("the consultation has invalid fields", FieldError{Field: "document_id", Message: "names no document"})
		}
		if err := tx.Create(c).Error; err != nil {
			return err
		}
		return RecordAudit(ctx, tx, AuditEntry{ActorID: actorID(actor), Action: "consultation.created", SubjectType: "consultation",
			SubjectID: c.ID, After: map[string]any{"id": c.ID, "document_id": c.DocumentID, "title": c.Title, "description": c.Description,
				"opens_at": c.OpensAt, "closes_at": c.ClosesAt, "status": c.StatusAt(now), "version": c.Version,
				"created_at": c.CreatedAt.UTC(), "updated_at": c.UpdatedAt.UTC()}}, now)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// ListConsultations returns one page of consultations, newest first, optionally only those with a
// status at now.
func ListConsultations(ctx context.Context, db *gorm.DB, status ConsultationStatus, p Page, now time.Time) ([]Consultation, *string, error) {
	tx, err := p.apply(db.WithContext(ctx), "id", true)
	if err != nil {
		return nil, nil, err
	}
	switch status {
	case "":
	case StatusUpcoming:
		tx = tx.Where("opens_at > ?", now)
	case StatusOpen:
		tx = tx.Where("opens_at <= ? AND closes_at > ?", now, now)
	case StatusClosed:
		tx = tx.Where("closes_at <= ?", now)
	default:
		return nil, nil, Invalid("the query has invalid parameters", FieldError{Field: "status", Message: "must be upcoming, open or closed"})
	}
	var out []Consultation
	if err := tx.Find(&out).Error; err != nil {
		return nil, nil, err
	}
	items, next := nextCursor(out, p.Limit, func(c Consultation) string { return c.ID })
	return items, next, nil
}

// FindConsultation returns a consultation or ErrNotFound.
func FindConsultation(ctx context.Context, db *gorm.DB, id string) (*Consultation, error) {
	return findByID[Consultation](db.WithContext(ctx), id, "consultation")
}

// ConsultationChange is a moderator's edit of a window; Version must be the current one (zero: not
// given).
type ConsultationChange struct {
	Title       *string
	Description *string
	OpensAt     *time.Time
	ClosesAt    *time.Time
	Version     int
}

// validate lists the faults of the change that need no database: texts and the version.
func (ch *ConsultationChange) validate() []FieldError {
	errs := appendIf(nil, checkVersion("version", ch.Version))
	if ch.Title != nil {
		errs = appendIf(errs, checkText("title", *ch.Title, true, 300))
	}
	if ch.Description != nil {
		errs = appendIf(errs, checkLongText("description", *ch.Description, false, 5000))
	}
	return errs
}

type windowState struct {
	Title       string    `json:"title"`
	Description string    `json:"description"`
	OpensAt     time.Time `json:"opens_at"`
	ClosesAt    time.Time `json:"closes_at"`
	Version     int       `json:"version"`
}

func (c *Consultation) state() windowState {
	return windowState{c.Title, c.Description, c.OpensAt.UTC(), c.ClosesAt.UTC(), c.Version}
}

// UpdateConsultation is the command that changes a window: in one transaction it applies a
// moderator's change with optimistic locking and records it in the audit trail. A closed
// consultation cannot change; an open one may only be extended (a later closes_at), never
// shortened or moved; an upcoming one may be rescheduled. actor is nil for the command line.
func UpdateConsultation(ctx context.Context, db *gorm.DB, actor *User, id string, ch ConsultationChange, now time.Time) (*Consultation, error) {
	if errs := ch.validate(); len(errs) > 0 {
		return nil, Invalid("the change has invalid fields", errs...)
	}
	var c *Consultation
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if c, err = FindConsultation(ctx, tx, id); err != nil {
			return err
		}
		if ch.Version != c.Version {
			return Conflict("the consultation has changed since version " + strconv.Itoa(ch.Version) + "; reload it (current version " + strconv.Itoa(c.Version) + ")")
		}
		before := c.state()
		if err := applyWindowChange(c, ch, now); err != nil {
			return err
		}
		c.Version++
		c.UpdatedAt = now
		if err := updateSeenVersion(tx, &Consultation{}, "id", c.ID, ch.Version, map[string]any{
			"title": c.Title, "description": c.Description, "opens_at": c.OpensAt, "closes_at": c.ClosesAt,
			"version": c.Version, "updated_at": now,
		}, "the consultation was changed at the same time; reload it"); err != nil {
			return err
		}
		return RecordAudit(ctx, tx, AuditEntry{ActorID: actorID(actor), Action: "consultation.changed", SubjectType: "consultation",
			SubjectID: c.ID, Before: before, After: c.state()}, now)
	})
	if err != nil {
		return nil, err
	}
	openConsultations.forget(id)
	return c, nil
}

func applyWindowChange(c *Consultation, ch ConsultationChange, now time.Time) error {
	status := c.StatusAt(now)
	if status == StatusClosed {
		return Conflict("the consultation is closed; its window cannot change")
	}
	var errs []FieldError
	if ch.Title != nil {
		c.Title = strings.TrimSpace(*ch.Title)
	}
	if ch.Description != nil {
		c.Description = strings.TrimSpace(*ch.Description)
	}
	if ch.OpensAt != nil {
		opens := ch.OpensAt.UTC().Truncate(time.Second)
		if status == StatusOpen && !opens.Equal(c.OpensAt) {
			errs = append(errs, FieldError{Field: "opens_at", Message: "cannot change once the consultation has opened"})
		}
		c.OpensAt = opens
	}
	if ch.ClosesAt != nil {
		closes := ch.ClosesAt.UTC().Truncate(time.Second)
		if status == StatusOpen && closes.Before(c.ClosesAt) {
			errs = append(errs, FieldError{Field: "closes_at", Message: "an open consultation can only be extended, not shortened"})
		}
		if !closes.After(now) {
			errs = append(errs, FieldError{Field: "closes_at", Message: "must be in the future"})
		}
		c.ClosesAt = closes
	}
	if !c.ClosesAt.After(c.OpensAt) {
		errs = append(errs, FieldError{Field: "closes_at", Message: "must be after opens_at"})
	}
	if len(errs) > 0 {
		return Invalid("the change has invalid fields", errs...)
	}
	return nil
}

// SchemeConsultations lists the consultations on a scheme's documents, by opening time.
func SchemeConsultations(ctx context.Context, db *gorm.DB, schemeID string) ([]Consultation, error) {
	var cs []Consultation
	err := db.WithContext(ctx).Where("document_id IN (SELECT id FROM documents WHERE scheme_id = ?)", schemeID).
		Order("opens_at, id").Find(&cs).Error
	return cs, err
}
