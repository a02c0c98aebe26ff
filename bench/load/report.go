package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// report is what a run writes: where and with what it ran, and the judged rows.
type report struct {
	GeneratedAt time.Time           `json:"generated_at"`
	Machine     machine             `json:"machine"`
	Versions    map[string]string   `json:"versions"`
	Commands    []string            `json:"commands"`
	Settings    map[string]any      `json:"settings"`
	Data        map[string]any      `json:"data"`
	RunSeconds  float64             `json:"run_seconds"`
	Rows        []judged            `json:"rows"`
	Failures    map[string][]string `json:"failures,omitempty"`
}

type machine struct {
	CPU       string  `json:"cpu"`
	Cores     int     `json:"cores"`
	MemoryGiB float64 `json:"memory_gib"`
	Kernel    string  `json:"kernel"`
}

// judged is a row with the medians of its rounds and the judgement of its goal.
type judged struct {
	Key      string    `json:"key"`
	Title    string    `json:"title"`
	Baseline string    `json:"baseline,omitempty"`
	Goal     string    `json:"goal"`
	Median   outcome   `json:"median"`
	Ratio    float64   `json:"ratio,omitempty"`
	Met      bool      `json:"met"`
	Verdict  string    `json:"verdict"`
	Rounds   []outcome `json:"rounds"`
	// Profile is where consult's CPU went during the row's load in the first round.
	Profile *profileSummary `json:"profile,omitempty"`
}

func newReport(r *rig, tested string, results map[string][]outcome, failures map[string][]string, took time.Duration) *report {
	rep := &report{
		GeneratedAt: time.Now().UTC().Truncate(time.Second),
		Machine:     readMachine(),
		Versions:    map[string]string{"go": runtime.Version(), "postgresql": r.pgServer, "consult": tested},
		Commands: []string{"make bench", "go run ./bench/load " + strings.Join(os.Args[1:], " "),
			fmt.Sprintf("consult bench-data --comments %d --stakeholders %d", r.cfg.comments, stakeholderSum),
			"pgbench -n -c 32 -j 2 -T <duration> -f insert.sql (baseline of the submissions)"},
		Settings: map[string]any{"comments": r.cfg.comments, "duration_s": r.cfg.duration.Seconds(), "rounds": r.cfg.rounds, "profiles": r.cfg.profiles},
		Data: map[string]any{"comments": r.data.Comments, "published": r.data.Published, "generation_s": r.genSecs,
			"stakeholders": stakeholderSum, "clauses": len(r.data.ClauseIDs), "deep_cursor_offset": r.deepOffset},
		RunSeconds: took.Seconds(),
		Failures:   failures,
	}
	for _, rw := range rows {
		got := results[rw.key]
		if len(got) == 0 {
			rep.Rows = append(rep.Rows, judged{Key: rw.key, Title: rw.title, Baseline: rw.baseline, Goal: rw.goal, Verdict: "not measured"})
			continue
		}
		j := judged{Key: rw.key, Title: rw.title, Baseline: rw.baseline, Goal: rw.goal, Median: medianOutcome(got), Verdict: "reported", Rounds: got,
			Profile: r.profiles[rw.key]}
		if rw.judge != nil {
			j.Ratio, j.Met = rw.judge(j.Median)
			j.Verdict = verdict(j.Met, j.Ratio)
		}
		rep.Rows = append(rep.Rows, j)
	}
	return rep
}

func readMachine() machine {
	m := machine{Cores: runtime.NumCPU()}
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		s := bufio.NewScanner(f)
		for s.Scan() {
			if v, ok := strings.CutPrefix(s.Text(), "model name"); ok {
				m.CPU = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
		f.Close()
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb float64
		if _, err := fmt.Sscanf(string(b), "MemTotal: %f kB", &kb); err == nil {
			m.MemoryGiB = kb / (1 << 20)
		}
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(b))
	}
	return m
}

// commit is the checked-out commit (taken when the run starts), marked dirty when the work tree has changes.
func commit(ctx context.Context) string {
	out, err := exec.CommandContext(ctx, "git", "rev-parse", "--short=12", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	c := strings.TrimSpace(string(out))
	if st, err := exec.CommandContext(ctx, "git", "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(st) > 0 {
		c += "-dirty"
	}
	return c
}

// write puts the report in dir as benchmarks.json and benchmarks.md.
func (rep *report) write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	js, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "benchmarks.json"), append(js, '\n'), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "benchmarks.md"), []byte(rep.markdown()), 0o644); err != nil {
		return err
	}
	logf("wrote %s and %s", filepath.Join(dir, "benchmarks.md"), filepath.Join(dir, "benchmarks.json"))
	return nil
}
