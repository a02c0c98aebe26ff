package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"consult/internal/benchdata"
)

// password is the password of every account the generator makes.
const password = "bench-password-not-secret"

// Accounts the generator makes: the first submitters write the load's comments, the rest are the
// targets of the wrong sign-ins (so no submitter is ever locked out).
const (
	submitters     = 64
	signInTargets  = 2000
	stakeholderSum = submitters + signInTargets
)

// rig is everything a run starts: the database, Mailpit, the server, the data and the tokens.
type rig struct {
	cfg        config
	dir        string // scratch folder: binary, logs, server data
	dbName     string
	dbURL      string
	db         *pgxpool.Pool // the harness's own connections, for the baselines and the outbox
	copyConn   *pgx.Conn     // the COPY baseline's session, used for nothing else (copyExport)
	mailpit    *process
	server     *process
	baseURL    string
	data       benchdata.Result
	genSecs    float64
	tokens     *tokenPool
	consts     *constServer               // the read scenarios' baseline
	deepCursor string                     // a cursor deep in the published comments, found once
	deepOffset int                        // how many comments come before it
	submitted  atomic.Int64               // submissions sent so far: each has its own text and Idempotency-Key
	pgServer   string                     // PostgreSQL's version
	profiling  bool                       // this round takes profiles of consult (the first)
	profiles   map[string]*profileSummary // by row
}

// setUp builds consult, makes a fresh database, fills it with the generator, starts Mailpit and
// consult serve on it, and signs in the accounts the load uses.
func setUp(ctx context.Context, cfg config) (*rig, error) {
	dir, err := os.MkdirTemp("", "consult-bench-")
	if err != nil {
		return nil, err
	}
	r := &rig{cfg: cfg, dir: dir, profiles: map[string]*profileSummary{}, dbName: fmt.Sprintf("consult_bench_%d", time.Now().Unix())}
	logf("building consult into %s", dir)
	build := exec.CommandContext(ctx, "go", "build", "-o", filepath.Join(dir, "consult"), "./cmd/consult")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return r, fmt.Errorf("go build: %w", err)
	}
	if err := r.createDatabase(ctx); err != nil {
		return r, err
	}
	smtpAddr, err := freeAddr()
	if err != nil {
		return r, err
	}
	mailpitHTTP, err := freeAddr()
	if err != nil {
		return r, err
	}
	if r.mailpit, err = start(dir, "mailpit", cfg.mailpit, os.Environ(), "--smtp", smtpAddr, "--listen", mailpitHTTP,
		"--database", filepath.Join(dir, "mailpit.db"), "--smtp-auth-accept-any", "--smtp-auth-allow-insecure", "--disable-version-check"); err != nil {
		return r, err
	}
	if err := waitTCP(smtpAddr); err != nil {
		return r, err
	}
	addr, err := freeAddr()
	if err != nil {
		return r, err
	}
	env := append(os.Environ(), "CONSULT_DATABASE_URL="+r.dbURL, "CONSULT_ADDR="+addr, "CONSULT_SMTP_URL=smtp://"+smtpAddr,
		"CONSULT_TRUSTED_PROXIES=127.0.0.1/32", "CONSULT_PPROF=true", "CONSULT_DATA_DIR="+filepath.Join(dir, "data"), "CONSULT_LOG_LEVEL=warn",
		"CONSULT_JWT_SECRET=bench-jwt-secret-of-at-least-thirty-two-bytes", "CONSULT_AUDIT_KEY=bench-audit-key-of-at-least-thirty-two-bytes")
	if err := r.generate(ctx, env); err != nil {
		return r, err
	}
	if r.server, err = start(dir, "consult", filepath.Join(dir, "consult"), env, "serve"); err != nil {
		return r, err
	}
	r.baseURL = "http://" + addr
	if err := waitHTTP(ctx, r.baseURL+"/readyz"); err != nil {
		return r, err
	}
	if err := r.waitWarm(ctx); err != nil {
		return r, err
	}
	r.tokens = &tokenPool{baseURL: r.baseURL, moderator: r.data.Moderator, stakeholders: r.data.Stakeholders[:submitters]}
	return r, r.tokens.refresh(ctx)
}

// waitWarm waits (at most two minutes) until the server has loaded the campaign index of the
// generated comments, as it does at start (consult_campaign_index_comments), so that no round
// measures a process that is still starting.
func (r *rig) waitWarm(ctx context.Context) error {
	started, seen := time.Now(), "nothing"
	for time.Since(started) < 2*time.Minute {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.baseURL+"/metrics", nil)
		if err != nil {
			return err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		for line := range strings.SplitSeq(string(body), "\n") {
			if v, ok := strings.CutPrefix(line, "consult_campaign_index_comments "); ok {
				seen = v + " comments"
				if n, _ := strconv.ParseFloat(v, 64); int(n) >= r.data.Comments {
					logf("campaign index of %d comments loaded %.1f s after the server was ready", int(n), time.Since(started).Seconds())
					return nil
				}
			}
		}
		time.Sleep(250 * time.Millisecond)
	}
	return fmt.Errorf("the server had not loaded the campaign index of %d comments within two minutes (consult_campaign_index_comments: %s)", r.data.Comments, seen)
}

// createDatabase makes the run's own database on the server of cfg.adminURL and connects to it.
func (r *rig) createDatabase(ctx context.Context) error {
	admin, err := pgx.Connect(ctx, r.cfg.adminURL)
	if err != nil {
		return fmt.Errorf("connect to PostgreSQL (BENCH_DATABASE_URL): %w", err)
	}
	defer admin.Close(ctx)
	if err := admin.QueryRow(ctx, "SHOW server_version").Scan(&r.pgServer); err != nil {
		return err
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+r.dbName); err != nil {
		return err
	}
	u, err := url.Parse(r.cfg.adminURL)
	if err != nil {
		return err
	}
	u.Path = "/" + r.dbName
	r.dbURL = u.String()
	r.db, err = pgxpool.New(ctx, r.dbURL)
	return err
}

// generate runs consult bench-data and keeps what it made.
func (r *rig) generate(ctx context.Context, env []string) error {
	logf("generating %d comments (consult bench-data)", r.cfg.comments)
	var out bytes.Buffer
	gen := exec.CommandContext(ctx, filepath.Join(r.dir, "consult"), "bench-data", "--comments", fmt.Sprint(r.cfg.comments),
		"--stakeholders", fmt.Sprint(stakeholderSum), "--password", password)
	// Errors only: each batch is slower than the server's slow-query warning, by design.
	gen.Env, gen.Dir, gen.Stdout, gen.Stderr = append(env, "CONSULT_LOG_LEVEL=error"), r.dir, &out, os.Stderr
	if err := gen.Run(); err != nil {
		return fmt.Errorf("consult bench-data: %w", err)
	}
	if err := json.Unmarshal(out.Bytes(), &r.data); err != nil {
		return fmt.Errorf("consult bench-data printed no result: %w", err)
	}
	r.genSecs = r.data.Seconds
	logf("generated %d comments (%d published) in %.1f s", r.data.Comments, r.data.Published, r.data.Seconds)
	return nil
}

// tearDown stops what setUp started and drops the database.
func (r *rig) tearDown(ctx context.Context) {
	for _, p := range []*process{r.server, r.mailpit} {
		if p != nil {
			p.stop()
		}
	}
	if r.db != nil {
		r.db.Close()
	}
	if r.copyConn != nil {
		_ = r.copyConn.Close(ctx)
	}
	if r.dbURL != "" && !r.cfg.keep {
		if admin, err := pgx.Connect(ctx, r.cfg.adminURL); err == nil {
			_, _ = admin.Exec(ctx, "DROP DATABASE IF EXISTS "+r.dbName)
			_ = admin.Close(ctx)
		}
	}
	if !r.cfg.keep {
		_ = os.RemoveAll(r.dir)
	} else {
		logf("kept %s and database %s", r.dir, r.dbName)
	}
}

// request sends one JSON request to the server and decodes a JSON answer into out (when not nil).
func request(ctx context.Context, method, url, token string, body, out any) (int, []byte, error) {
	var rd bytes.Buffer
	if body != nil {
		if err := json.NewEncoder(&rd).Encode(body); err != nil {
			return 0, nil, err
		}
	}
	req, err := http.NewRequestWithContext(ctx, method, url, &rd)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		return resp.StatusCode, nil, err
	}
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(buf.Bytes(), out); err != nil {
			return resp.StatusCode, buf.Bytes(), err
		}
	}
	return resp.StatusCode, buf.Bytes(), nil
}

// settle makes every load start from the same state, whatever ran before it: it waits (up to two
// minutes) until consult has sent every receipt mail and clustered every comment the previous load
// left behind, then VACUUM ANALYSE cleans up and counts what that load (or bench-data) wrote, as
// autovacuum would (this machine's PostgreSQL runs with autovacuum off), CHECKPOINT writes out
// its dirty pages and flushDirtyPages the kernel's, so that a load does not pay for the writes of
// the one before (a checkpoint started by bench-data's half a gigabyte of WAL used to run through
// the first loads).
func (r *rig) settle(ctx context.Context) error {
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var waiting int
		err := r.db.QueryRow(ctx, `SELECT (SELECT count(*) FROM mail_outbox WHERE status = 'pending')
			+ (SELECT count(*) FROM comment_clusters WHERE cluster_seq IS NULL)`).Scan(&waiting)
		if err != nil {
			return fmt.Errorf("settling before a load: %w", err)
		}
		if waiting == 0 {
			break
		}
		if time.Now().After(deadline) {
			logf("  %d mails or comments still waiting after two minutes; starting the load anyway", waiting)
			break
		}
		time.Sleep(250 * time.Millisecond)
	}
	for _, stmt := range []string{"VACUUM ANALYSE", "CHECKPOINT"} {
		if _, err := r.db.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("settling PostgreSQL before a load (%s): %w", stmt, err)
		}
	}
	flushDirtyPages()
	return nil
}

// flushDirtyPages has the kernel write out what it still holds to write (sync(2)): a checkpoint
// only hands PostgreSQL's pages to the kernel, which would write them back over the next half
// minute, while the next load runs. It logs a flush that took a while.
func flushDirtyPages() {
	dirty, started := procMiB("/proc/meminfo", "Dirty:"), time.Now()
	syscall.Sync()
	if took := time.Since(started); took > time.Second/2 || dirty > 64 {
		logf("  flushed %.0f MiB of dirty pages in %.1f s", dirty, took.Seconds())
	}
}
