package models

import (
	"errors"
	"fmt"
	"time"
)

// Code is a stable machine word naming an error; clients depend on it (API.md, Conventions).
type Code string

// The error codes of the HTTP contract.
const (
	CodeValidationFailed      Code = "validation_failed"
	CodeBadRequest            Code = "bad_request"
	CodeUnauthenticated       Code = "unauthenticated"
	CodeForbidden             Code = "forbidden"
	CodeNotFound              Code = "not_found"
	CodeMethodNotAllowed      Code = "method_not_allowed"
	CodeConflict              Code = "conflict"
	CodeConsultationNotOpen   Code = "consultation_not_open"
	CodeEmailNotVerified      Code = "email_not_verified"
	CodeIdempotencyKeyReused  Code = "idempotency_key_reused"
	CodeRateLimited           Code = "rate_limited"
	CodePayloadTooLarge       Code = "payload_too_large"
	CodeUnsupportedMediaType  Code = "unsupported_media_type"
	CodeServiceUnavailable    Code = "service_unavailable"
	CodeInternal              Code = "internal_error"
	CodeMigrationPending      Code = "migration_pending"
	CodeNotAcceptable         Code = "not_acceptable"
	CodeRequestTimeout        Code = "request_timeout"
	CodeUnsupportedParameters Code = "unsupported_parameters"
	// CodeNotYetPublic: published data asked for before it may be public (the public export
	// while the window is open).
	CodeNotYetPublic Code = "not_yet_public"
	// CodeNotModerated: a disposition on a comment that has not been published.
	CodeNotModerated Code = "not_moderated"
	// CodeOverloaded: the server's budget for the work asked (password hashing) is spent for now;
	// the answer says when to try again.
	CodeOverloaded Code = "overloaded"
)

// FieldError names one invalid field (or row and column of an upload) and what is wrong with it.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is a domain error: a stable code, a human message, and optionally the fields at fault.
// The API layer turns it into problem+json; the domain layer never speaks HTTP.
type Error struct {
	Code       Code
	Message    string
	Fields     []FieldError
	RetryAfter time.Duration // with CodeRateLimited, CodeOverloaded and CodeServiceUnavailable: sent as Retry-After
	Err        error         // the cause, for logs only
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return string(e.Code) + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrNotFound) true for any *Error with the same code.
func (e *Error) Is(target error) bool {
	var t *Error
	return errors.As(target, &t) && t.Code == e.Code && t.Message == ""
}

// Sentinels for errors.Is; they carry only a code.
var (
	ErrNotFound = &Error{Code: CodeNotFound}
	ErrConflict = &Error{Code: CodeConflict}
)

// NewError builds an error with a code and message.
func NewError(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// NotFound says that a thing does not exist or is not visible to the caller (the two are never
// told apart, so that existence does not leak).
func NotFound(what string) *Error {
	return &Error{Code: CodeNotFound, Message: what + " not found"}
}

// Invalid is a validation failure listing the fields at fault.
func Invalid(message string, fields ...FieldError) *Error {
	return &Error{Code: CodeValidationFailed, Message: message, Fields: fields}
}

// Conflict says that the write lost a race or named a stale version.
func Conflict(message string) *Error {
	return &Error{Code: CodeConflict, Message: message}
}

// Forbidden says that the caller's role does not allow the action.
func Forbidden(message string) *Error {
	return &Error{Code: CodeForbidden, Message: message}
}
