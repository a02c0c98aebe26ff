package models

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
)

// NewConsultation is a consultation window to open on a document.
type NewConsultation struct {
	DocumentID  string
	Title       string
	Description string
	OpensAt     time.Time
	ClosesAt    time.Time
	CreatedBy   *string
}

// CreateConsultation validates and stores a window. Times are kept in UTC to the second.
func CreateConsultation(ctx context.Context, db *gorm.DB, in NewConsultation, now time.Time) (*Consultation, error) {
	var errs []FieldError
	if fe := checkText("title", in.Title, true, 300); fe != nil {
		errs = append(errs, *fe)
	}
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
	var doc Document
	if err := db.WithContext(ctx).Select("id").Where("id = ?", in.DocumentID).Take(&doc).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, Invalid("the consultation has invalid fields", FieldError{Field: "document_id", Message: "names no document"})
		}
		return nil, err
	}
	c := &Consultation{
		ID:          NewID(),
		DocumentID:  in.DocumentID,
		Title:       strings.TrimSpace(in.Title),
		Description: strings.TrimSpace(in.Description),
		OpensAt:     opens,
		ClosesAt:    closes,
		CreatedBy:   in.CreatedBy,
		Version:     1,
		CreatedAt:   now,
		UpdatedAt:   now,
	}
	return c, db.WithContext(ctx).Create(c).Error
}
