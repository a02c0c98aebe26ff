// Package apitest runs requests through the real router on a fresh, migrated database, with a
// clock the test controls, accounts signed in as any role, and the server's log kept for reading.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"consult/api"
	"consult/internal/auth/password"
	"consult/internal/auth/token"
	"consult/internal/clock"
	"consult/internal/config"
	"consult/internal/database"
	"consult/internal/storage"
	"consult/internal/testutil"
)

// Env is a router on its own database with a clock the test controls.
type Env struct {
	T      testing.TB
	Echo   *echo.Echo
	DB     *database.DB
	Clock  *clock.Manual
	Config *config.Config
	Tokens *token.Issuer
	Hasher *password.Hasher
	Logs   *Logs // what the server logged, at info level and above
}

// Logs collects a server's log lines; requests write to it concurrently.
type Logs struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *Logs) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// String returns everything logged so far.
func (l *Logs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// Start is the time the test clock shows at first.
var Start = time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)

// New builds the router on a fresh, migrated database, in development configuration.
func New(t testing.TB) *Env {
	t.Helper()
	return NewWithDB(t, testutil.NewDB(t))
}

// NewWithDB builds the router on the given database.
func NewWithDB(t testing.TB, db *database.DB) *Env {
	t.Helper()
	return newEnv(t, db, password.NewHasher(password.WithBudget(patientBudget())))
}

// patientBudget lets sign-ins queue instead of being turned away: tests that send many at once are
// about throttles, not the hashing budget, which has tests of its own.
func patientBudget() *password.Budget {
	return password.NewBudget(runtime.GOMAXPROCS(0), 1024, time.Minute)
}

// NewWithHasher builds the router on a fresh database with the given password hasher, such as
// one whose hashing budget the test holds.
func NewWithHasher(t testing.TB, hasher *password.Hasher) *Env {
	t.Helper()
	return newEnv(t, testutil.NewDB(t), hasher)
}

func newEnv(t testing.TB, db *database.DB, hasher *password.Hasher) *Env {
	t.Helper()
	cfg, err := config.Load([]string{"CONSULT_JWT_SECRET=test-secret-test-secret-test-secret-0123", "CONSULT_DATA_DIR=" + t.TempDir()})
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	m, err := db.NewMigrator(false)
	if err != nil {
		t.Fatalf("migrator: %v", err)
	}
	ready, err := database.NewReadiness(context.Background(), db, m)
	if err != nil {
		t.Fatalf("readiness: %v", err)
	}
	clk := clock.NewManual(Start)
	logs := &Logs{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	t.Cleanup(func() {
		if t.Failed() { // what the server logged explains an unexpected answer (a 500's cause)
			t.Logf("server log:\n%s", logs.String())
		}
	})
	tokens, err := token.NewIssuer(token.Config{Secret: []byte(cfg.JWTSecret), Issuer: cfg.BaseURL, Audience: cfg.BaseURL + "/api", Clock: clk.Now})
	if err != nil {
		t.Fatalf("token issuer: %v", err)
	}
	files, err := storage.NewFolder(t.TempDir())
	if err != nil {
		t.Fatalf("file store: %v", err)
	}
	t.Cleanup(func() { _ = files.Close() })
	e := api.New(api.Deps{Config: cfg, DB: db, Readiness: ready, Clock: clk, Log: log, Hasher: hasher, Tokens: tokens, Files: files})
	return &Env{T: t, Echo: e, DB: db, Clock: clk, Config: cfg, Tokens: tokens, Hasher: hasher, Logs: logs}
}

// Request is one request to send.
type Request struct {
	Method  string
	Path    string
	Body    any // a string or []byte is sent as is; anything else as JSON
	Headers map[string]string
	// RemoteAddr defaults to a public address (198.51.100.7:40000).
	RemoteAddr string
}

// Do sends r through the router and returns the recorded answer.
func (env *Env) Do(r Request) *httptest.ResponseRecorder {
	env.T.Helper()
	var body io.Reader
	contentType := ""
	switch b := r.Body.(type) {
	case nil:
	case string:
		body = bytes.NewBufferString(b)
	case []byte:
		body = bytes.NewBuffer(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			env.T.Fatalf("marshal body: %v", err)
		}
		body = bytes.NewBuffer(raw)
		contentType = echo.MIMEApplicationJSON
	}
	req := httptest.NewRequest(r.Method, r.Path, body)
	if contentType != "" {
		req.Header.Set(echo.HeaderContentType, contentType)
	}
	for k, v := range r.Headers {
		req.Header.Set(k, v)
	}
	req.RemoteAddr = "198.51.100.7:40000"
	if r.RemoteAddr != "" {
		req.RemoteAddr = r.RemoteAddr
	}
	rec := httptest.NewRecorder()
	env.Echo.ServeHTTP(rec, req)
	return rec
}

// Get is Do for a GET without a body.
func (env *Env) Get(path string) *httptest.ResponseRecorder {
	env.T.Helper()
	return env.Do(Request{Method: http.MethodGet, Path: path})
}

// DecodeJSON decodes an answer's body into v, failing the test on error.
func DecodeJSON(t testing.TB, rec *httptest.ResponseRecorder, v any) {
	t.Helper()
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("decode %q: %v", rec.Body.String(), err)
	}
}
