package api_test

import (
	"database/sql"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the PostgreSQL driver under database/sql

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api"
	"consult/api/apitest"
	"consult/models"
)

func TestErrorsAreProblemJSON(t *testing.T) {
	env := apitest.New(t)
	env.Echo.GET("/api/v1/test-panic", func(echo.Context) error { panic("boom: SELECT * FROM users") })
	env.Echo.GET("/api/v1/test-db-error", func(echo.Context) error {
		return env.DB.Exec("SELECT * FROM no_such_table").Error
	})

	tests := []struct {
		name      string
		req       apitest.Request
		status    int
		code      models.Code
		forbidden []string
	}{
		{"unknown API route", apitest.Request{Method: http.MethodGet, Path: "/api/v1/nothing-here"}, 404, models.CodeNotFound, []string{"<html"}},
		{"unknown API root", apitest.Request{Method: http.MethodGet, Path: "/api/"}, 404, models.CodeNotFound, nil},
		{"unknown API route, POST", apitest.Request{Method: http.MethodPost, Path: "/api/v2/x", Body: "{}"}, 404, models.CodeNotFound, nil},
		{"method not allowed", apitest.Request{Method: http.MethodPost, Path: "/healthz"}, 405, models.CodeMethodNotAllowed, nil},
		{"body over the limit", apitest.Request{Method: http.MethodPost, Path: "/api/v1/x", Body: strings.Repeat("a", 13<<20)}, 413, models.CodePayloadTooLarge, nil},
		{"panic", apitest.Request{Method: http.MethodGet, Path: "/api/v1/test-panic"}, 500, models.CodeInternal, []string{"boom", "SELECT", "goroutine", ".go:"}},
		{"database error", apitest.Request{Method: http.MethodGet, Path: "/api/v1/test-db-error"}, 500, models.CodeInternal, []string{"no_such_table", "SELECT", "SQL"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := env.Do(tc.req)
			require.Equal(t, tc.status, rec.Code, rec.Body.String())
			assert.Equal(t, api.ProblemContentType, rec.Header().Get(echo.HeaderContentType))
			var p api.Problem
			apitest.DecodeJSON(t, rec, &p)
			assert.Equal(t, tc.code, p.Code)
			assert.Equal(t, tc.status, p.Status)
			assert.Equal(t, "urn:consult:problem:"+string(tc.code), p.Type)
			assert.NotEmpty(t, p.Title)
			assert.NotEmpty(t, p.Detail)
			assert.Equal(t, rec.Header().Get(echo.HeaderXRequestID), p.RequestID)
			for _, s := range tc.forbidden {
				assert.NotContains(t, rec.Body.String(), s)
			}
		})
	}
}

func TestDomainErrorsMapToContractStatuses(t *testing.T) {
	env := apitest.New(t)
	cases := map[models.Code]int{
		models.CodeValidationFailed:     422,
		models.CodeUnauthenticated:      401,
		models.CodeForbidden:            403,
		models.CodeNotFound:             404,
		models.CodeConflict:             409,
		models.CodeConsultationNotOpen:  409,
		models.CodeNotYetPublic:         409,
		models.CodeNotModerated:         409,
		models.CodeEmailNotVerified:     403,
		models.CodeIdempotencyKeyReused: 422,
		models.CodeRateLimited:          429,
		models.CodePayloadTooLarge:      413,
		models.CodeUnsupportedMediaType: 415,
	}
	for code, status := range cases {
		path := "/api/v1/test-" + string(code)
		env.Echo.GET(path, func(echo.Context) error {
			e := models.NewError(code, "test %s", code)
			if code == models.CodeRateLimited {
				e.RetryAfter = 1500e6
			}
			return e
		})
		rec := env.Get(path)
		assert.Equal(t, status, rec.Code, code)
		var p api.Problem
		apitest.DecodeJSON(t, rec, &p)
		assert.Equal(t, code, p.Code)
		if code == models.CodeRateLimited {
			assert.Equal(t, "2", rec.Header().Get("Retry-After"))
		}
	}
}

func TestValidationErrorsListFields(t *testing.T) {
	env := apitest.New(t)
	env.Echo.GET("/api/v1/test-invalid", func(echo.Context) error {
		return models.Invalid("the request has invalid fields", models.FieldError{Field: "email", Message: "is not an email address"})
	})
	rec := env.Get("/api/v1/test-invalid")
	require.Equal(t, 422, rec.Code)
	var p api.Problem
	apitest.DecodeJSON(t, rec, &p)
	require.Len(t, p.Errors, 1)
	assert.Equal(t, "email", p.Errors[0].Field)
}

// TestLostDatabaseIsServiceUnavailable sends a query to a PostgreSQL address where nothing
// listens, as a request does while the database restarts: the answer is a 503 the client may
// retry, with Retry-After, and says nothing of the driver or the address.
func TestLostDatabaseIsServiceUnavailable(t *testing.T) {
	env := apitest.New(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	closedAddr := ln.Addr().String()
	require.NoError(t, ln.Close())
	lost, err := sql.Open("pgx", "postgres://consult@"+closedAddr+"/consult?sslmode=disable&connect_timeout=2")
	require.NoError(t, err)
	t.Cleanup(func() { _ = lost.Close() })
	env.Echo.GET("/api/v1/test-lost-database", func(c echo.Context) error {
		_, err := lost.ExecContext(c.Request().Context(), "SELECT 1")
		return fmt.Errorf("count comments: %w", err)
	})

	rec := env.Get("/api/v1/test-lost-database")
	require.Equal(t, http.StatusServiceUnavailable, rec.Code, rec.Body.String())
	assert.Equal(t, api.ProblemContentType, rec.Header().Get(echo.HeaderContentType))
	assert.Equal(t, "5", rec.Header().Get("Retry-After"))
	var p api.Problem
	apitest.DecodeJSON(t, rec, &p)
	assert.Equal(t, models.CodeServiceUnavailable, p.Code)
	for _, leak := range []string{closedAddr, "dial", "refused", "SELECT", "pgx"} {
		assert.NotContains(t, rec.Body.String(), leak)
	}
}
