package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

// constServer is the read scenarios' baseline: a tiny Echo server that answers each path with the
// bytes consult gave for the same request, so the ratio says what consult costs beyond HTTP and
// JSON of that size.
type constServer struct {
	mu      sync.RWMutex
	answers map[string]constAnswer
	url     string
	srv     *http.Server
}

type constAnswer struct {
	contentType string
	body        []byte
}

func startConstServer() (*constServer, error) {
	s := &constServer{answers: map[string]constAnswer{}}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.GET("/:name", func(c echo.Context) error {
		s.mu.RLock()
		a, ok := s.answers[c.Param("name")]
		s.mu.RUnlock()
		if !ok {
			return echo.ErrNotFound
		}
		return c.Blob(http.StatusOK, a.contentType, a.body)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s.url = "http://" + ln.Addr().String()
	s.srv = &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// serve makes the server answer /name with body, and returns that URL.
func (s *constServer) serve(name, contentType string, body []byte) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.answers[name] = constAnswer{contentType, body}
	return s.url + "/" + name
}

func (s *constServer) close() { _ = s.srv.Close() }

// pgbenchInsert is the submissions' baseline: pgbench's clients each inserting one row of a
// comment's shape (the same columns, a body of the same length) per transaction into a copy of
// the comments table with all its indexes, for d.
func (r *rig) pgbenchInsert(ctx context.Context, clients int, d time.Duration) (measure, error) {
	if _, err := r.db.Exec(ctx, "CREATE TABLE IF NOT EXISTS bench_insert_baseline (LIKE comments INCLUDING ALL)"); err != nil {
		return measure{}, err
	}
	script := filepath.Join(r.dir, "insert.sql")
	sql := fmt.Sprintf(`INSERT INTO bench_insert_baseline (id, consultation_id, clause_id, author_id, comment_type, body, proposed_change,
 quote_exact, quote_prefix, quote_suffix, publication, language, status, tracking_number, version, reason_code, moderation_note,
 paragraph_ref, created_at, updated_at, signature)
 VALUES (gen_random_uuid(), '%s', '%s', (SELECT id FROM users WHERE email = '%s'), 'technical', '%s' || md5(random()::text), '%s',
 '', '', '', 'public_named', 'en', 'submitted', 'BENCH-2026-' || upper(substr(md5(random()::text), 1, 9)), 1, '', '', '', now(), now(),
 decode(repeat(md5(random()::text), 32), 'hex'));
`, r.data.ConsultationID, r.data.ClauseIDs[len(r.data.ClauseIDs)/2], r.data.Stakeholders[0], submissionBody(0), proposedChange)
	if err := os.WriteFile(script, []byte(sql), 0o600); err != nil {
		return measure{}, err
	}
	out, err := exec.CommandContext(ctx, r.cfg.pgbench, "-n", "-c", strconv.Itoa(clients), "-j", "2", "-T", strconv.Itoa(int(d.Seconds())),
		"-f", script, r.dbURL).CombinedOutput()
	if err != nil {
		return measure{}, fmt.Errorf("pgbench: %w: %s", err, out)
	}
	tps := regexp.MustCompile(`tps = ([0-9.]+)`).FindSubmatch(out)
	lat := regexp.MustCompile(`latency average = ([0-9.]+) ms`).FindSubmatch(out)
	if tps == nil || lat == nil {
		return measure{}, errors.New("pgbench printed no tps: " + string(out))
	}
	m := measure{Seconds: d.Seconds(), Success: 1}
	m.Throughput, _ = strconv.ParseFloat(string(tps[1]), 64)
	m.P50, _ = strconv.ParseFloat(string(lat[1]), 64) // pgbench gives the mean only
	m.Requests = uint64(m.Throughput * d.Seconds())
	return m, nil
}

// copyQuery is PostgreSQL's own CSV of the public export's columns: the floor of any export.
const copyQuery = `COPY (SELECT c.tracking_number, COALESCE(NULLIF(u.organisation, ''), u.stakeholder_type), u.country, cl.number, cl.heading,
	c.paragraph_ref, c.comment_type, COALESCE(c.redacted_body, c.body), COALESCE(c.redacted_proposed_change, c.proposed_change),
	u.display_name, u.organisation, u.stakeholder_type, c.language, c.created_at
	FROM comments c LEFT JOIN users u ON u.id = c.author_id LEFT JOIN clauses cl ON cl.id = c.clause_id
	WHERE c.consultation_id = '%s' AND c.status = 'published' AND c.publication <> 'confidential'
	ORDER BY c.id) TO STDOUT CSV HEADER`

// copyExport times COPY … TO STDOUT CSV of the columns of the public CSV export.
func (r *rig) copyExport(ctx context.Context) (measure, error) {
	var written countingWriter
	started := time.Now()
	if _, err := r.db.PgConn().CopyTo(ctx, &written, fmt.Sprintf(copyQuery, r.data.ConsultationID)); err != nil {
		return measure{}, err
	}
	took := time.Since(started)
	ms := float64(took) / float64(time.Millisecond)
	return measure{Requests: 1, Seconds: took.Seconds(), Throughput: 1 / took.Seconds(), Success: 1, P50: ms, P95: ms, P99: ms, Max: ms, Bytes: uint64(written)}, nil
}

type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
