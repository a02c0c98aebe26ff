// Command load is the load benchmark of `make bench`: it builds consult, starts it on a fresh
// PostgreSQL database filled by `consult bench-data`, with Mailpit as its SMTP server, drives each
// scenario of issue 14's table with vegeta in interleaved rounds beside the scenario's baseline
// (pgbench INSERTs, a constant Echo server, COPY … TO STDOUT CSV), and writes the medians to
// docs/benchmarks.md and docs/benchmarks.json, with consult's CPU profiles of the first round.
//
// Knobs (environment, or the flags of the same name in lower case without BENCH_):
// BENCH_COMMENTS (100000), BENCH_DURATION (20s), BENCH_ROUNDS (3), BENCH_DATABASE_URL (the
// PostgreSQL server, as a URL of a database to connect to for CREATE DATABASE), BENCH_OUT (docs),
// BENCH_PROFILES (bench/out/profiles: consult's CPU and heap profiles of each load of the first
// round, served by CONSULT_PPROF), BENCH_KEEP (keep the database and scratch folder), BENCH_ONLY
// (run only the scenarios whose names contain one of these comma-separated words, for a quick
// look; the report then leaves the others empty). Mailpit
// comes from CONSULT_TEST_MAILPIT or bin/mailpit (make tools).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// config is a run's settings.
type config struct {
	comments int
	duration time.Duration
	rounds   int
	adminURL string
	out      string
	profiles string
	mailpit  string
	pgbench  string
	keep     bool
	only     string
}

func main() {
	cfg, err := loadConfig()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench/load:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "bench/load:", err)
		os.Exit(1)
	}
}

func loadConfig() (config, error) {
	env := func(name, def string) string {
		if v := os.Getenv(name); v != "" {
			return v
		}
		return def
	}
	comments, err := strconv.Atoi(env("BENCH_COMMENTS", "100000"))
	if err != nil {
		return config{}, fmt.Errorf("BENCH_COMMENTS: %w", err)
	}
	duration, err := time.ParseDuration(env("BENCH_DURATION", "20s"))
	if err != nil {
		return config{}, fmt.Errorf("BENCH_DURATION: %w", err)
	}
	rounds, err := strconv.Atoi(env("BENCH_ROUNDS", "3"))
	if err != nil {
		return config{}, fmt.Errorf("BENCH_ROUNDS: %w", err)
	}
	cfg := config{mailpit: env("CONSULT_TEST_MAILPIT", "bin/mailpit"), keep: os.Getenv("BENCH_KEEP") != ""}
	flag.IntVar(&cfg.comments, "comments", comments, "comments the generator puts in the consultation")
	flag.DurationVar(&cfg.duration, "duration", duration, "how long each load runs")
	flag.IntVar(&cfg.rounds, "rounds", rounds, "interleaved rounds; the report gives the medians")
	flag.StringVar(&cfg.adminURL, "database-url", env("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"),
		"a database of the PostgreSQL server to run on; the run makes and drops its own database there")
	flag.StringVar(&cfg.out, "out", env("BENCH_OUT", "docs"), "folder of benchmarks.md and benchmarks.json")
	flag.StringVar(&cfg.profiles, "profiles", env("BENCH_PROFILES", filepath.Join("bench", "out", "profiles")),
		"folder of the CPU and heap profiles of consult taken in the first round")
	flag.BoolVar(&cfg.keep, "keep", cfg.keep, "keep the database and the scratch folder")
	flag.StringVar(&cfg.only, "only", os.Getenv("BENCH_ONLY"), "comma-separated words: run only the scenarios whose names contain one")
	flag.Parse()
	if cfg.comments < 1000 || cfg.duration < time.Second || cfg.rounds < 1 {
		return cfg, fmt.Errorf("need at least 1000 comments, a duration of 1s and one round")
	}
	if cfg.pgbench, err = exec.LookPath("pgbench"); err != nil {
		return cfg, fmt.Errorf("pgbench (PostgreSQL's client tools) is needed for the baseline: %w", err)
	}
	if cfg.mailpit, err = filepath.Abs(cfg.mailpit); err != nil {
		return cfg, err
	}
	if _, err := os.Stat(cfg.mailpit); err != nil {
		return cfg, fmt.Errorf("mailpit (make tools, or CONSULT_TEST_MAILPIT): %w", err)
	}
	return cfg, nil
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, time.Now().UTC().Format("15:04:05")+" "+format+"\n", args...)
}

// run sets up, runs every scenario once per round (so slow drifts touch all of them alike), and
// writes the report of the medians.
func run(ctx context.Context, cfg config) error {
	started, tested := time.Now(), commit(ctx)
	r, err := setUp(ctx, cfg)
	defer func() {
		if r != nil {
			r.tearDown(context.Background())
		}
	}()
	if err != nil {
		return err
	}
	if r.consts, err = startConstServer(); err != nil {
		return err
	}
	defer r.consts.close()
	results := map[string][]outcome{}
	failures := map[string][]string{}
	for round := 1; round <= cfg.rounds; round++ {
		r.profiling = round == 1
		for _, s := range r.scenarios() {
			if !cfg.selects(s.name) {
				continue
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := r.tokens.fresh(ctx); err != nil {
				return err
			}
			if err := r.settle(ctx); err != nil {
				return err
			}
			logf("round %d/%d: %s", round, cfg.rounds, s.name)
			out, err := s.run(ctx)
			if err != nil { // what was measured before the failure still counts
				logf("  failed: %v", err)
				failures[s.name] = append(failures[s.name], fmt.Sprintf("round %d: %v", round, err))
			}
			for key, o := range out {
				results[key] = append(results[key], o)
				logf("  %s: %.1f/s p50 %.1f ms p99 %.1f ms, peak %.0f MiB", key, o.Consult.Throughput, o.Consult.P50, o.Consult.P99, o.Consult.PeakRSSMiB)
			}
		}
	}
	rep := newReport(r, tested, results, failures, time.Since(started))
	return rep.write(cfg.out)
}

// selects reports whether the scenario called name runs: every one unless only names some.
func (c config) selects(name string) bool {
	if c.only == "" {
		return true
	}
	for word := range strings.SplitSeq(c.only, ",") {
		if word = strings.TrimSpace(word); word != "" && strings.Contains(name, word) {
			return true
		}
	}
	return false
}
