package faults_test

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// password is every test account's password.
const password = "faults-test-password-2026"

// scenario is one fault test's installation: its own database on the private cluster (migrated,
// with the demo data and two accounts), a data folder, and the settings every process shares.
type scenario struct {
	t              *testing.T
	dir            string
	databaseURL    string
	db             *sql.DB // for checking what was stored
	consultationID string  // the demo's open consultation
}

func newScenario(t *testing.T) *scenario {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	url, err := pg.newDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s := &scenario{t: t, dir: t.TempDir(), databaseURL: url}
	s.db, err = sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	s.db.SetMaxIdleConns(0) // no connection kept across a restart of PostgreSQL
	t.Cleanup(func() { _ = s.db.Close() })
	s.consult("", "migrate", "up")
	s.consult("", "demo")
	for _, a := range []struct{ email, role string }{{stakeholderEmail, "stakeholder"}, {moderatorEmail, "moderator"}} {
		s.consult(password+"\n", "users", "create", "--email", a.email, "--name", "Fault "+a.role, "--role", a.role)
	}
	err = s.db.QueryRowContext(ctx, "SELECT id FROM consultations WHERE opens_at <= now() AND closes_at > now()").Scan(&s.consultationID)
	if err != nil {
		t.Fatalf("the demo's open consultation: %v", err)
	}
	return s
}

// The accounts every scenario has.
const (
	stakeholderEmail = "stakeholder@faults.example.org"
	moderatorEmail   = "moderator@faults.example.org"
)

// env is the environment of every consult process of the scenario: the same database, data
// folder, secrets and public address (the tokens' issuer), in development mode (mails go to a
// folder).
func (s *scenario) env() []string {
	return append(os.Environ(),
		"CONSULT_ENV=development",
		"CONSULT_BASE_URL=http://consult.faults.test",
		"CONSULT_DATABASE_URL="+s.databaseURL,
		"CONSULT_DATA_DIR="+s.dir,
		"CONSULT_JWT_SECRET=faults-jwt-secret-0123456789abcdef0123456789",
		"CONSULT_AUDIT_KEY=faults-audit-key-0123456789abcdef0123456789",
		"CONSULT_SHUTDOWN_TIMEOUT="+shutdownTimeout.String(),
		"CONSULT_LOG_LEVEL=warn",
	)
}

// shutdownTimeout is CONSULT_SHUTDOWN_TIMEOUT of every server.
const shutdownTimeout = 10 * time.Second

// consult runs a consult command to its end with stdin as its input.
func (s *scenario) consult(stdin string, args ...string) {
	s.t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(s.env(), "CONSULT_ADDR=127.0.0.1:0")
	cmd.Stdin = strings.NewReader(stdin)
	if out, err := cmd.CombinedOutput(); err != nil {
		s.t.Fatalf("consult %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// countStored returns how many comments the stakeholder has and how many idempotency keys.
func (s *scenario) countStored() (comments, keys int) {
	s.t.Helper()
	const q = `SELECT (SELECT count(*) FROM comments c JOIN users u ON u.id = c.author_id WHERE u.email = $1),
	                  (SELECT count(*) FROM idempotency_keys k JOIN users u ON u.id = k.user_id WHERE u.email = $1)`
	if err := s.db.QueryRow(q, stakeholderEmail).Scan(&comments, &keys); err != nil {
		s.t.Fatalf("count stored comments: %v", err)
	}
	return comments, keys
}

// requireStored checks that every id names a stored comment.
func (s *scenario) requireStored(ids []string) {
	s.t.Helper()
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM comments WHERE id = ANY($1::uuid[])", ids).Scan(&n); err != nil {
		s.t.Fatalf("look the acknowledged comments up: %v", err)
	}
	if n != len(ids) {
		s.t.Fatalf("%d comments were answered 201 but only %d are stored", len(ids), n)
	}
}
