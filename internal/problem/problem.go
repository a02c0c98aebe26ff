// Package problem is the one mapping from errors to RFC 9457 problem details: the error handler
// answers failed requests with it, and bulk actions report each item's outcome with it.
package problem

import (
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"consult/internal/database"
	"consult/models"
)

// Problem is an RFC 9457 problem details document with the contract's stable code.
type Problem struct {
	Type      string              `json:"type"`
	Title     string              `json:"title"`
	Status    int                 `json:"status"`
	Detail    string              `json:"detail,omitempty"`
	Code      models.Code         `json:"code"`
	Errors    []models.FieldError `json:"errors,omitempty"`
	Instance  string              `json:"instance,omitempty"`
	RequestID string              `json:"request_id,omitempty"`
}

// ContentType is the media type of every error answer.
const ContentType = "application/problem+json"

var statusOfCode = map[models.Code]int{
	models.CodeValidationFailed:      http.StatusUnprocessableEntity,
	models.CodeBadRequest:            http.StatusBadRequest,
	models.CodeUnauthenticated:       http.StatusUnauthorized,
	models.CodeForbidden:             http.StatusForbidden,
	models.CodeEmailNotVerified:      http.StatusForbidden,
	models.CodeNotFound:              http.StatusNotFound,
	models.CodeMethodNotAllowed:      http.StatusMethodNotAllowed,
	models.CodeNotAcceptable:         http.StatusNotAcceptable,
	models.CodeRequestTimeout:        http.StatusRequestTimeout,
	models.CodeConflict:              http.StatusConflict,
	models.CodeConsultationNotOpen:   http.StatusConflict,
	models.CodeNotYetPublic:          http.StatusConflict,
	models.CodeNotModerated:          http.StatusConflict,
	models.CodePayloadTooLarge:       http.StatusRequestEntityTooLarge,
	models.CodeUnsupportedMediaType:  http.StatusUnsupportedMediaType,
	models.CodeIdempotencyKeyReused:  http.StatusUnprocessableEntity,
	models.CodeUnsupportedParameters: http.StatusUnprocessableEntity,
	models.CodeRateLimited:           http.StatusTooManyRequests,
	models.CodeMigrationPending:      http.StatusServiceUnavailable,
	models.CodeServiceUnavailable:    http.StatusServiceUnavailable,
	models.CodeOverloaded:            http.StatusServiceUnavailable,
	models.CodeInternal:              http.StatusInternalServerError,
}

var codeOfStatus = map[int]models.Code{
	http.StatusBadRequest:            models.CodeBadRequest,
	http.StatusUnauthorized:          models.CodeUnauthenticated,
	http.StatusForbidden:             models.CodeForbidden,
	http.StatusNotFound:              models.CodeNotFound,
	http.StatusMethodNotAllowed:      models.CodeMethodNotAllowed,
	http.StatusNotAcceptable:         models.CodeNotAcceptable,
	http.StatusRequestTimeout:        models.CodeRequestTimeout,
	http.StatusConflict:              models.CodeConflict,
	http.StatusRequestEntityTooLarge: models.CodePayloadTooLarge,
	http.StatusUnsupportedMediaType:  models.CodeUnsupportedMediaType,
	http.StatusUnprocessableEntity:   models.CodeValidationFailed,
	http.StatusTooManyRequests:       models.CodeRateLimited,
	http.StatusServiceUnavailable:    models.CodeServiceUnavailable,
}

// UnavailableRetryAfter is how long a client is asked to wait when the database cannot be reached.
const UnavailableRetryAfter = 5 * time.Second

// For turns any error a handler or middleware returns into a problem. Only typed domain
// errors and Echo's own HTTP errors speak to the client; a lost database is a 503
// service_unavailable with a Retry-After, so clients retry; anything else is a 500. Causes go to
// the log, never into the answer.
func For(err error) (Problem, *models.Error) {
	var de *models.Error
	var he *echo.HTTPError
	switch {
	case errors.As(err, &de):
	case errors.Is(err, gorm.ErrRecordNotFound):
		de = models.NotFound("resource")
	case errors.Is(err, gorm.ErrDuplicatedKey):
		de = models.Conflict("a resource with the same unique value exists")
	case errors.As(err, &he):
		de = fromHTTPError(he)
	case database.Unavailable(err):
		de = &models.Error{Code: models.CodeServiceUnavailable, Message: "the database is unavailable; try again shortly", RetryAfter: UnavailableRetryAfter}
	default:
		de = &models.Error{Code: models.CodeInternal, Message: "the server failed to handle the request; it has been logged"}
	}
	status, ok := statusOfCode[de.Code]
	if !ok {
		status = http.StatusInternalServerError
	}
	return Problem{
		Type:   "urn:consult:problem:" + string(de.Code),
		Title:  http.StatusText(status),
		Status: status,
		Detail: de.Message,
		Code:   de.Code,
		Errors: de.Fields,
	}, de
}

func fromHTTPError(he *echo.HTTPError) *models.Error {
	code, ok := codeOfStatus[he.Code]
	if !ok {
		if he.Code >= 500 {
			code = models.CodeInternal
		} else {
			code = models.CodeBadRequest
		}
	}
	msg := http.StatusText(he.Code)
	switch he.Code {
	case http.StatusNotFound:
		msg = "no such resource"
	case http.StatusMethodNotAllowed:
		msg = "this method is not allowed on this resource"
	case http.StatusRequestEntityTooLarge:
		msg = "the request body is larger than this endpoint accepts"
	}
	return &models.Error{Code: code, Message: msg}
}
