package models

import (
	"math"
	"strconv"
	"unicode/utf8"

	"consult/internal/auth/token"
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

// CheckOneTimeTokenShape names a token that cannot be one from a mailed link, with the answer an
// unknown token gets, so that it can be listed beside the request's other faults.
func CheckOneTimeTokenShape(plain string) []FieldError {
	if token.WellFormedOpaqueToken(plain) {
		return nil
	}
	return append([]FieldError(nil), errOneTimeInvalid.Fields...)
}
