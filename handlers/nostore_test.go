package handlers_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"consult/api/apitest"
	"consult/models"
)

// TestPersonalAnswersAreNotStored: every answer to a signed-in caller, and every answer under
// /auth/ and /me, errors included, says Cache-Control: no-store.
func TestPersonalAnswersAreNotStored(t *testing.T) {
	env := apitest.New(t)
	u := env.CreateUser("private@example.eu", models.RoleStakeholder, true)
	bearer := map[string]string{"Authorization": "Bearer " + u.AccessToken}
	tests := []struct {
		name string
		req  apitest.Request
	}{
		{"profile", apitest.Request{Method: http.MethodGet, Path: "/api/v1/me", Headers: bearer}},
		{"profile change", apitest.Request{Method: http.MethodPatch, Path: "/api/v1/me", Headers: bearer, Body: map[string]string{"organisation": "New"}}},
		{"own comments", apitest.Request{Method: http.MethodGet, Path: "/api/v1/me/comments", Headers: bearer}},
		{"public list read when signed in", apitest.Request{Method: http.MethodGet, Path: "/api/v1/consultations", Headers: bearer}},
		{"public scheme list read when signed in", apitest.Request{Method: http.MethodGet, Path: "/api/v1/schemes", Headers: bearer}},
		{"profile without a token", apitest.Request{Method: http.MethodGet, Path: "/api/v1/me"}},
		{"reset request", apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/password-reset", Body: map[string]string{"email": "x@example.eu"}}},
		{"resend", apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/verify-email/resend", Body: map[string]string{"email": "x@example.eu"}}},
		{"wrong sign-in", apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login", Body: map[string]string{"email": "x@example.eu", "password": "wrong password here"}}},
		{"refresh", apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh", Body: map[string]string{"refresh_token": u.RefreshToken}}},
	}
	for _, tc := range tests {
		rec := env.Do(tc.req)
		assert.Less(t, rec.Code, 500, tc.name)
		assert.Equal(t, "no-store", rec.Header().Get("Cache-Control"), "%s: %d", tc.name, rec.Code)
	}
	// Public answers to an anonymous caller may be cached as their handlers say.
	rec := env.Get("/api/v1/consultations")
	assert.NotEqual(t, "no-store", rec.Header().Get("Cache-Control"))
}
