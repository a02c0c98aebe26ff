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
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
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
// the comments table with all its indexes, for d (at least 5 s: pgbench's clients take a while to
// connect on a busy machine, and its tps is a rate either way).
func (r *rig) pgbenchInsert(ctx context.Context, clients int, d time.Duration) (measure, error) {
	d = max(d, 5*time.Second)
	if _, err := r.db.Exec(ctx, "CREATE TABLE IF NOT EXISTS bench_insert_baseline (LIKE comments INCLUDING ALL)"); err != nil {
		return measure{}, err
	}
	script := filepath.Join(r.dir, "insert.sql")
	sql := fmt.Sprintf(`INSERT INTO bench_insert_baseline (id, consultation_id, clause_id, author_id, comment_type, body, proposed_change,
 quote_exact, quote_prefix, quote_suffix, publication, language, status, tracking_number, version, reason_code, moderation_note,
 paragraph_ref, created_at, updated_at, signature)
 VALUES (gen_random_uuid(), '%s', '%s', (SELECT id FROM users WHERE email = '%s'), 'technical', '%s' || md5(random()::text), '%s',
 '', '', '', 'public_named', 'en', 'submitted', 'BENCH-2026-' || upper(md5(random()::text)), 1, '', '', '', now(), now(),
 decode(repeat(md5(random()::text), 32), 'hex'));
`, r.data.ConsultationID, r.data.ClauseIDs[len(r.data.ClauseIDs)/2], r.data.Stakeholders[0], submissionBody(0), proposedChange)
	if err := os.WriteFile(script, []byte(sql), 0o600); err != nil {
		return measure{}, err
	}
	logs, err := os.MkdirTemp(r.dir, "pgbench-")
	if err != nil {
		return measure{}, err
	}
	defer os.RemoveAll(logs)
	cmd := exec.CommandContext(ctx, r.cfg.pgbench, "-n", "-l", "-c", strconv.Itoa(clients), "-j", "2", "-T", strconv.Itoa(int(d.Seconds())),
		"-f", script, r.dbURL)
	cmd.Dir = logs
	out, err := cmd.CombinedOutput()
	if err != nil {
		return measure{}, fmt.Errorf("pgbench: %w: %s", err, out)
	}
	tps := regexp.MustCompile(`tps = ([0-9.]+)`).FindSubmatch(out)
	if tps == nil {
		return measure{}, errors.New("pgbench printed no tps: " + string(out))
	}
	m := measure{Seconds: d.Seconds(), Success: 1}
	m.Throughput, _ = strconv.ParseFloat(string(tps[1]), 64)
	latencies, err := pgbenchLatencies(logs)
	if err != nil {
		return measure{}, err
	}
	m.Requests = uint64(len(latencies))
	m.P50, m.P95, m.P99, m.Max = percentile(latencies, 0.50), percentile(latencies, 0.95), percentile(latencies, 0.99), percentile(latencies, 1)
	return m, nil
}

// pgbenchLatencies reads the latency of every transaction, in ms, from pgbench's logs in dir
// (pgbench -l: "client transaction latency-µs script epoch µs" a line).
func pgbenchLatencies(dir string) ([]float64, error) {
	files, err := filepath.Glob(filepath.Join(dir, "pgbench_log.*"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("pgbench wrote no transaction log in %s: %w", dir, err)
	}
	var out []float64
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for line := range strings.SplitSeq(string(b), "\n") {
			fields := strings.Fields(line)
			if len(fields) < 3 {
				continue
			}
			if us, err := strconv.ParseFloat(fields[2], 64); err == nil {
				out = append(out, us/1000)
			}
		}
	}
	sort.Float64s(out)
	return out, nil
}

// percentile is the q-th quantile of sorted xs (nearest rank).
func percentile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(q*float64(len(sorted))))]
}

// copyQuery is PostgreSQL's own CSV of the public export's columns: the floor of any export.
const copyQuery = `COPY (SELECT c.tracking_number, COALESCE(NULLIF(u.organisation, ''), u.stakeholder_type), u.country, cl.number, cl.heading,
	c.paragraph_ref, c.comment_type, COALESCE(c.redacted_body, c.body), COALESCE(c.redacted_proposed_change, c.proposed_change),
	u.display_name, u.organisation, u.stakeholder_type, c.language, c.created_at
	FROM comments c LEFT JOIN users u ON u.id = c.author_id LEFT JOIN clauses cl ON cl.id = c.clause_id
	WHERE c.consultation_id = '%s' AND c.status = 'published' AND c.publication <> 'confidential'
	ORDER BY c.id) TO STDOUT CSV HEADER`

// copyExport times COPY … TO STDOUT CSV of the columns of the public CSV export, on a session of
// its own that runs nothing else, opened (untimed) at the first COPY: consult reads an export on a
// connection kept for exports, opened at the first export. Both sessions are then alike when the
// round comes back to them, idle since the last round's export. On the benchmark machine a server
// process's first large read after minutes of idling while others worked costs it up to twice the
// processor time of the next; COPY on the harness's busy connection (its VACUUM seconds before) was
// spared that, and the ratio compared a cold session with a warm one.
func (r *rig) copyExport(ctx context.Context) (measure, error) {
	if r.copyConn == nil {
		conn, err := pgx.Connect(ctx, r.dbURL)
		if err != nil {
			return measure{}, err
		}
		r.copyConn = conn
	}
	var written countingWriter
	started := time.Now()
	if _, err := r.copyConn.PgConn().CopyTo(ctx, &written, fmt.Sprintf(copyQuery, r.data.ConsultationID)); err != nil {
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
