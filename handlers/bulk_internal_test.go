package handlers

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/assert"

	"consult/models"
)

// TestBulkResultsUseTheErrorHandlersMapping: each item of a bulk action gets the status and code
// the same error would get alone, never a blanket 409.
func TestBulkResultsUseTheErrorHandlersMapping(t *testing.T) {
	c := echo.New().NewContext(httptest.NewRequest(http.MethodPost, "/", nil), httptest.NewRecorder())
	tests := []struct {
		err    error
		status int
		code   models.Code
	}{
		{nil, http.StatusOK, ""},
		{models.NotFound("comment"), http.StatusNotFound, models.CodeNotFound},
		{models.Conflict("stale"), http.StatusConflict, models.CodeConflict},
		{models.Forbidden("no"), http.StatusForbidden, models.CodeForbidden},
		{&models.Error{Code: models.CodeRateLimited, Message: "later", RetryAfter: time.Minute}, http.StatusTooManyRequests, models.CodeRateLimited},
		{models.Invalid("bad"), http.StatusUnprocessableEntity, models.CodeValidationFailed},
		{&models.Error{Code: models.CodeNotModerated, Message: "not yet"}, http.StatusConflict, models.CodeNotModerated},
		{errors.New("disk on fire"), http.StatusInternalServerError, models.CodeInternal},
	}
	for _, tt := range tests {
		r := bulkResult(c, "id", tt.err)
		assert.Equal(t, tt.status, r.Status, "%v", tt.err)
		assert.Equal(t, tt.code, r.Code, "%v", tt.err)
		assert.NotContains(t, r.Detail, "disk on fire", "causes stay in the log")
	}
}
