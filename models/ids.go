package models

import (
	"errors"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// NewID returns a new opaque identifier: a UUIDv7, time-ordered for index locality but not a
// guessable sequence.
func NewID() string {
	return uuid.Must(uuid.NewV7()).String()
}

// ValidID reports whether s has the shape of an identifier, so that malformed ids in a URL are
// answered 404 without a database round trip.
func ValidID(s string) bool {
	_, err := uuid.Parse(s)
	return err == nil && len(s) == 36
}

// findByID loads the row of T with the given id from query (which may already be narrowed to
// what the caller may see). A missing row, or a value that is not the shape of an id, is the
// not-found error naming what.
func findByID[T any](query *gorm.DB, id, what string) (*T, error) {
	if !ValidID(id) {
		return nil, NotFound(what)
	}
	var row T
	err := query.Where("id = ?", id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound(what)
	}
	if err != nil {
		return nil, err
	}
	return &row, nil
}
