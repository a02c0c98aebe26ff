package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// process is a program the harness started and stops at the end.
type process struct {
	name string
	cmd  *exec.Cmd
}

// start runs bin with args and env in the background, its output in dir/name.log.
func start(dir, name, bin string, env []string, args ...string) (*process, error) {
	log, err := os.Create(filepath.Join(dir, name+".log"))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Env, cmd.Stdout, cmd.Stderr, cmd.Dir = env, log, log, dir
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	return &process{name: name, cmd: cmd}, nil
}

// stop ends the process with SIGTERM, or SIGKILL when it has not ended within 20 seconds.
func (p *process) stop() {
	_ = p.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		_ = p.cmd.Process.Kill()
		<-done
	}
}

// rss is the resident memory now (VmRSS) of the process and its children (consult's password
// workers) added up, in MiB.
func (p *process) rss() float64 { return p.status("VmRSS:") }

// peakRSS is the peak resident memory since start or since the last resetPeak (VmHWM) of the
// process and its children added up, in MiB: at least their peak together.
func (p *process) peakRSS() float64 { return p.status("VmHWM:") }

// status adds up a figure in kB of /proc/<pid>/status over the process and its children, in MiB.
func (p *process) status(field string) float64 {
	var sum float64
	for _, pid := range p.tree() {
		sum += procMiB(fmt.Sprintf("/proc/%d/status", pid), field)
	}
	return sum
}

// minorFaults is how many minor page faults the process (without its children) has taken so far:
// memory it touches for the first time since the kernel mapped it, or again after the Go runtime
// returned it to the kernel.
func (p *process) minorFaults() float64 {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", p.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	end := bytes.LastIndexByte(raw, ')')
	if end < 0 {
		return 0
	}
	fields := strings.Fields(string(raw[end+1:])) // from the state, field 3 of stat(5)
	if len(fields) < 8 {
		return 0
	}
	v, _ := strconv.ParseFloat(fields[10-3], 64) // minflt, field 10
	return v
}

// tree is the process's id followed by its children's (Linux's /proc/<pid>/task/*/children).
func (p *process) tree() []int {
	pids := []int{p.cmd.Process.Pid}
	lists, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", p.cmd.Process.Pid))
	for _, path := range lists {
		raw, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		for f := range strings.FieldsSeq(string(raw)) {
			if pid, err := strconv.Atoi(f); err == nil {
				pids = append(pids, pid)
			}
		}
	}
	return pids
}

// procMiB reads the figure in kB on the line that starts with field in a /proc file such as
// /proc/meminfo or /proc/<pid>/status, in MiB (0 when it cannot).
func procMiB(path, field string) float64 {
	raw, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			return kb / 1024
		}
	}
	return 0
}

// resetPeak starts the peak resident memory afresh from the current size (Linux's clear_refs 5),
// so that each scenario reports its own peak.
func (p *process) resetPeak() {
	for _, pid := range p.tree() {
		_ = os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0)
	}
}

// freeAddr is a loopback address with a free port.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// waitHTTP waits until url answers 200, for at most a minute.
func waitHTTP(ctx context.Context, url string) error {
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("%s did not answer 200 within a minute", url)
}

// waitTCP waits until addr accepts connections, for at most a minute.
func waitTCP(addr string) error {
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("nothing listens on %s after a minute", addr)
}
