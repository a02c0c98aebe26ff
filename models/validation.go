package models

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Bounds of request values that api/openapi.yaml states too (its contract test sends each one
// past its bound and expects 422 naming the field).
const (
	// MaxVersion is the largest optimistic-locking version: versions are 32-bit integers in the
	// database.
	MaxVersion = math.MaxInt32
	// MaxAuditAction bounds the action filter of the audit trail.
	MaxAuditAction = 64
	// MaxEmail bounds an email address (RFC 5321 path length).
	MaxEmail = 254
	// MaxSearchQuery bounds a full-text query.
	MaxSearchQuery = 200
	// MaxSelection bounds the comments of one bulk moderation.
	MaxSelection = 1000
	// MaxClusterItems bounds the members a cluster disposition may list with the versions seen.
	MaxClusterItems = 5000
)

// checkVersion names a version that is missing (zero) or outside 1..MaxVersion.
func checkVersion(field string, v int) *FieldError {
	if v < 1 || v > MaxVersion {
		return &FieldError{Field: field, Message: "must be the version you last read, a whole number from 1 to " + strconv.Itoa(MaxVersion)}
	}
	return nil
}

// checkID names a value that is not the shape of an identifier.
func checkID(field, v, what string) *FieldError {
	if !ValidID(v) {
		return &FieldError{Field: field, Message: "is not " + what}
	}
	return nil
}

// tooLong reports whether s has more than max characters (code points, as JSON Schema's
// maxLength counts).
func tooLong(s string, max int) bool { return utf8.RuneCountInString(s) > max }

// appendIf appends the field errors that are not nil.
func appendIf(errs []FieldError, fes ...*FieldError) []FieldError {
	for _, fe := range fes {
		if fe != nil {
			errs = append(errs, *fe)
		}
	}
	return errs
}

// The checks of the texts people write, shared by every command that stores one.

// checkText validates a one-line text (a name, a title): valid UTF-8, no control characters,
// bounded in characters.
func checkText(field, value string, required bool, maxRunes int) *FieldError {
	return checkString(field, value, required, maxRunes, isControl)
}

// checkLongText validates a multi-line text (a comment, a response): like checkText, but tabs
// and line breaks are allowed. The text is kept byte for byte.
func checkLongText(field, value string, required bool, maxRunes int) *FieldError {
	return checkString(field, value, required, maxRunes, func(r rune) bool {
		return isControl(r) && r != '\n' && r != '\r' && r != '\t'
	})
}

func checkString(field, value string, required bool, maxRunes int, forbidden func(rune) bool) *FieldError {
	switch {
	case required && strings.TrimSpace(value) == "":
		return &FieldError{Field: field, Message: "is required"}
	case !utf8.ValidString(value):
		return &FieldError{Field: field, Message: "is not valid UTF-8 text"}
	case utf8.RuneCountInString(value) > maxRunes:
		return &FieldError{Field: field, Message: fmt.Sprintf("is longer than %d characters", maxRunes)}
	case strings.ContainsFunc(value, forbidden):
		return &FieldError{Field: field, Message: "contains control characters"}
	}
	return nil
}

// isControl reports the C0 control characters and DEL.
func isControl(r rune) bool { return r < 0x20 || r == 0x7f }
