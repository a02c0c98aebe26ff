package api_test

import (
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/internal/testutil"
	"consult/models"
)

func TestSecurityHeadersOnEveryAnswer(t *testing.T) {
	env := apitest.New(t)
	for _, path := range []string{"/healthz", "/api/v1/none", "/", "/some/client/route"} {
		rec := env.Get(path)
		h := rec.Header()
		csp := h.Get("Content-Security-Policy")
		assert.Contains(t, csp, "default-src 'self'", path)
		assert.Contains(t, csp, "frame-ancestors 'none'", path)
		assert.Contains(t, csp, "object-src 'none'", path)
		assert.NotContains(t, csp, "unsafe-inline", path)
		assert.NotContains(t, csp, "unsafe-eval", path)
		assert.Equal(t, "nosniff", h.Get("X-Content-Type-Options"), path)
		assert.Equal(t, "DENY", h.Get("X-Frame-Options"), path)
		assert.Equal(t, "strict-origin-when-cross-origin", h.Get("Referrer-Policy"), path)
		assert.NotEmpty(t, h.Get("X-Request-ID"), path)
	}
}

func TestRequestIDIsKeptWhenWellFormedAndReplacedOtherwise(t *testing.T) {
	env := apitest.New(t)
	rec := env.Do(apitest.Request{Method: http.MethodGet, Path: "/healthz", Headers: map[string]string{"X-Request-ID": "abc-123"}})
	assert.Equal(t, "abc-123", rec.Header().Get("X-Request-ID"))
	rec = env.Do(apitest.Request{Method: http.MethodGet, Path: "/healthz", Headers: map[string]string{"X-Request-ID": "bad id\r\nx: y" + strings.Repeat("a", 100)}})
	assert.Len(t, rec.Header().Get("X-Request-ID"), 36)
}

func TestHealthAndReadiness(t *testing.T) {
	env := apitest.New(t)
	rec := env.Get("/healthz")
	require.Equal(t, 200, rec.Code)
	assert.JSONEq(t, `{"status":"ok"}`, rec.Body.String())
	rec = env.Get("/readyz")
	require.Equal(t, 200, rec.Code)
	assert.JSONEq(t, `{"status":"ready"}`, rec.Body.String())
}

func TestPendingMigrationMakesTheServerUnready(t *testing.T) {
	env := apitest.NewWithDB(t, testutil.NewEmptyDB(t))
	rec := env.Get("/readyz")
	assert.Equal(t, 503, rec.Code)
	assert.Contains(t, rec.Body.String(), "migration is pending")
	rec = env.Get("/api/v1/anything")
	assert.Equal(t, 503, rec.Code)
	assert.Contains(t, rec.Body.String(), `"code":"migration_pending"`)
	assert.Equal(t, 200, env.Get("/healthz").Code)
}

func TestMetricsOnlyForAllowedNetworks(t *testing.T) {
	env := apitest.New(t)
	env.Get("/healthz")
	rec := env.Do(apitest.Request{Method: http.MethodGet, Path: "/metrics", RemoteAddr: "127.0.0.1:5000"})
	require.Equal(t, 200, rec.Code)
	assert.Contains(t, rec.Body.String(), `consult_http_requests_total{method="GET",route="/healthz",status="200"}`)
	assert.Contains(t, rec.Body.String(), "go_goroutines")

	rec = env.Do(apitest.Request{Method: http.MethodGet, Path: "/metrics"})
	assert.Equal(t, 404, rec.Code)
	rec = env.Do(apitest.Request{Method: http.MethodGet, Path: "/metrics", Headers: map[string]string{"X-Forwarded-For": "127.0.0.1"}})
	assert.Equal(t, 404, rec.Code, "a forged X-Forwarded-For must not pass for loopback")
}

// TestMetricsCompressedOnce: a scraper that accepts gzip (as Prometheus does) reads the metrics
// after one decompression.
func TestMetricsCompressedOnce(t *testing.T) {
	env := apitest.New(t)
	rec := env.Do(apitest.Request{Method: http.MethodGet, Path: "/metrics", RemoteAddr: "127.0.0.1:5000", Headers: map[string]string{"Accept-Encoding": "gzip"}})
	require.Equal(t, 200, rec.Code)
	require.Equal(t, "gzip", rec.Header().Get("Content-Encoding"))
	zr, err := gzip.NewReader(rec.Body)
	require.NoError(t, err)
	body, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Contains(t, string(body), "# HELP consult_campaign_index_comments")
}

func TestCompressionForLargeAnswers(t *testing.T) {
	env := apitest.New(t)
	rec := env.Do(apitest.Request{Method: http.MethodGet, Path: "/api/openapi.yaml", Headers: map[string]string{"Accept-Encoding": "gzip"}})
	require.Equal(t, 200, rec.Code)
	assert.Equal(t, "gzip", rec.Header().Get("Content-Encoding"))
}

// TestSmallAnswersToWritesAreNotCompressed: the answer to a write echoes what the client sent; it
// is sent as is below 16 KiB, while a read of the same size is compressed.
func TestSmallAnswersToWritesAreNotCompressed(t *testing.T) {
	env := apitest.New(t)
	mod := env.CreateUser("mod@example.eu", models.RoleModerator, true)
	gz := map[string]string{"Accept-Encoding": "gzip"}
	scheme := map[string]string{"slug": "eucc-iot", "title": "EUCC IoT", "summary": strings.Repeat("A scheme for consumer devices. ", 100)}
	rec := env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/schemes", Body: scheme, Headers: gz})
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	assert.Greater(t, rec.Body.Len(), 3000)
	assert.Empty(t, rec.Header().Get("Content-Encoding"))

	rec = env.As(mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/schemes/eucc-iot", Headers: map[string]string{"Accept-Encoding": "gzip"}})
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "gzip", rec.Header().Get("Content-Encoding"))
}

// TestAFailedRequestIsAnsweredAndLoggedOnce: the error handler runs once per failed request, so a
// client's mistake is one info line in the access log, not also an error.
func TestAFailedRequestIsAnsweredAndLoggedOnce(t *testing.T) {
	env := apitest.New(t)
	rec := env.Get("/api/v1/none")
	require.Equal(t, http.StatusNotFound, rec.Code)
	rec = env.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/register", Body: map[string]string{"email": "x"}})
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code, rec.Body.String())
	logs := env.Logs.String()
	assert.NotContains(t, logs, "level=ERROR", logs)
	assert.Equal(t, 2, strings.Count(logs, "msg=request "), logs)
}

// TestAClientGoneBeforeItsAnswerIsNoServerError: a request whose client left while the server was
// still at work (its context cancelled) is logged and counted as 499, not as a failure of the
// server.
func TestAClientGoneBeforeItsAnswerIsNoServerError(t *testing.T) {
	env := apitest.New(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec := httptest.NewRecorder()
	env.Echo.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/consultations", nil).WithContext(ctx))
	assert.Equal(t, 499, rec.Code)
	logs := env.Logs.String()
	assert.NotContains(t, logs, "level=ERROR", logs)
	assert.Contains(t, logs, "status=499", logs)
	var counted []string
	for line := range strings.Lines(env.Do(apitest.Request{Method: http.MethodGet, Path: "/metrics", RemoteAddr: "127.0.0.1:5000"}).Body.String()) {
		if strings.HasPrefix(line, `consult_http_requests_total{method="GET",route="/api/v1/consultations"`) {
			counted = append(counted, strings.TrimSpace(line))
		}
	}
	assert.Equal(t, []string{`consult_http_requests_total{method="GET",route="/api/v1/consultations",status="499"} 1`}, counted)
}
