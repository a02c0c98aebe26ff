package api_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

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

// TestPublicAnswersKeptWithinTheSecond: the server keeps an anonymous public answer for the rest
// of the clock's second it was computed in; a write through the API that may change public data
// drops it at once, a private write (a sign-in) does not, and signed-in callers always read the
// database.
func TestPublicAnswersKeptWithinTheSecond(t *testing.T) {
	env := apitest.New(t)
	env.Clock.Set(env.Clock.Now().Truncate(time.Second))
	mod := env.CreateUser("mod@example.eu", models.RoleModerator, true)
	rec := env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/schemes", Body: map[string]any{"slug": "eucc", "title": "EUCC"}})
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	require.Contains(t, env.Get("/api/v1/schemes").Body.String(), `"EUCC"`)

	retitle := func(title string) {
		t.Helper()
		require.NoError(t, env.DB.DB.Model(&models.Scheme{}).Where("slug = ?", "eucc").Update("title", title).Error)
	}
	retitle("Renamed behind the API")
	env.Clock.Advance(999 * time.Millisecond)
	assert.Contains(t, env.Get("/api/v1/schemes").Body.String(), `"EUCC"`, "kept within the second")
	signedIn := env.As(mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/schemes"})
	assert.Contains(t, signedIn.Body.String(), "Renamed behind the API", "signed-in callers read the database")

	env.Clock.Advance(time.Millisecond)
	assert.Contains(t, env.Get("/api/v1/schemes").Body.String(), "Renamed behind the API", "a new second, a new answer")

	retitle("Renamed again")
	env.Login(mod)
	assert.Contains(t, env.Get("/api/v1/schemes").Body.String(), "Renamed behind the API", "a sign-in changes nothing public")

	rec = env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/schemes", Body: map[string]any{"slug": "eucs", "title": "EUCS"}})
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	body := env.Get("/api/v1/schemes").Body.String()
	assert.Contains(t, body, "Renamed again", "a public write drops the kept answers")
	assert.Contains(t, body, `"EUCS"`)
}

// TestPublicAnswersCompressed: public reads are compressed for callers that accept gzip, kept or
// not, anonymous or signed in, and decompress to the plain answer.
func TestPublicAnswersCompressed(t *testing.T) {
	env := apitest.New(t)
	mod := env.CreateUser("mod@example.eu", models.RoleModerator, true)
	rec := env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/schemes",
		Body: map[string]any{"slug": "eucc", "title": "EUCC", "summary": strings.Repeat("Common Criteria based scheme. ", 80)}})
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	plain := env.Get("/api/v1/schemes")
	require.Equal(t, http.StatusOK, plain.Code)
	require.Greater(t, plain.Body.Len(), 1024)
	assert.Empty(t, plain.Header().Get("Content-Encoding"))

	gz := map[string]string{"Accept-Encoding": "gzip"}
	for name, rec := range map[string]*httptest.ResponseRecorder{
		"anonymous, computed": env.Do(apitest.Request{Method: http.MethodGet, Path: "/api/v1/schemes?x=1", Headers: gz}),
		"anonymous, kept":     env.Do(apitest.Request{Method: http.MethodGet, Path: "/api/v1/schemes", Headers: gz}),
		"signed in":           env.As(mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/schemes", Headers: gz}),
	} {
		require.Equal(t, http.StatusOK, rec.Code, name)
		assert.Equal(t, "gzip", rec.Header().Get("Content-Encoding"), name)
		assert.Contains(t, rec.Header().Values("Vary"), "Accept-Encoding", name)
		r, err := gzip.NewReader(rec.Body)
		require.NoError(t, err, name)
		body, err := io.ReadAll(r)
		require.NoError(t, err, name)
		assert.JSONEq(t, plain.Body.String(), string(body), name)
	}
}
