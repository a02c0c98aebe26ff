package api_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/models"
)

// TestPublicReadsCarryAnETag: a public read answers anonymous callers with an ETag and a short
// shared-cache lifetime, and 304 without a body when the client already holds that answer, also
// compressed; a signed-in caller's answer, which may hold more, is never cached.
func TestPublicReadsCarryAnETag(t *testing.T) {
	env := apitest.New(t)
	mod := env.CreateUser("mod@example.eu", models.RoleModerator, true)
	rec := env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/schemes", Body: map[string]any{"slug": "eucc", "title": "EUCC"}})
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())

	for _, encoding := range []string{"", "gzip"} {
		headers := map[string]string{"Accept-Encoding": encoding}
		first := env.Do(apitest.Request{Method: http.MethodGet, Path: "/api/v1/schemes", Headers: headers})
		require.Equal(t, http.StatusOK, first.Code)
		etag := first.Header().Get("ETag")
		require.NotEmpty(t, etag, encoding)
		assert.Equal(t, "public, max-age=10", first.Header().Get("Cache-Control"))
		assert.Contains(t, first.Header().Values("Vary"), "Authorization, Cookie")

		headers["If-None-Match"] = `"other", W/` + etag
		again := env.Do(apitest.Request{Method: http.MethodGet, Path: "/api/v1/schemes", Headers: headers})
		assert.Equal(t, http.StatusNotModified, again.Code, encoding)
		assert.Empty(t, again.Body.Bytes(), encoding)
	}

	// A change gives a new ETag.
	before := env.Get("/api/v1/schemes").Header().Get("ETag")
	rec = env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/schemes", Body: map[string]any{"slug": "eucs", "title": "EUCS"}})
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	assert.NotEqual(t, before, env.Get("/api/v1/schemes").Header().Get("ETag"))

	signedIn := env.As(mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/schemes"})
	require.Equal(t, http.StatusOK, signedIn.Code)
	assert.Empty(t, signedIn.Header().Get("ETag"))
	assert.Equal(t, "no-store", signedIn.Header().Get("Cache-Control"))

	missing := env.Get("/api/v1/schemes/none")
	assert.Equal(t, http.StatusNotFound, missing.Code)
	assert.Empty(t, missing.Header().Get("ETag"), "errors are not cached")
	assert.Equal(t, "application/problem+json", missing.Header().Get("Content-Type"))
}
