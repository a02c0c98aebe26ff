package models

import "github.com/google/uuid"

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
