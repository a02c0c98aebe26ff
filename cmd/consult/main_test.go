package main

import (
	"bufio"
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/internal/testutil"
)

// binary is the consult command built once for these tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "consult-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "consult")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		panic("build consult: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// run runs the binary with only the given environment (plus PATH and HOME).
func run(t *testing.T, env []string, stdin string, args ...string) (stdout, stderr string, exitCode int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}, env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	return out.String(), errOut.String(), code
}

// testDatabaseURL gives the binary a fresh database of the suite's kind.
func testDatabaseURL(t *testing.T) string {
	_, url := testutil.NewEmptyDBWithURL(t)
	return url
}

func TestBadConfigurationExitsWithStatus2AndOneLine(t *testing.T) {
	cases := map[string]string{
		"CONSULT_ADDR=nonsense":    "CONSULT_ADDR",
		"CONSULT_ENV=staging":      "CONSULT_ENV",
		"CONSULT_LOG_FORMAT=xml":   "CONSULT_LOG_FORMAT",
		"CONSULT_JWT_SECRET=short": "CONSULT_JWT_SECRET",
		"CONSULT_AUDIT_KEY=short":  "CONSULT_AUDIT_KEY",
	}
	for env, option := range cases {
		t.Run(env, func(t *testing.T) {
			_, stderr, code := run(t, []string{env}, "", "serve")
			assert.Equal(t, 2, code)
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			require.Len(t, lines, 1, stderr)
			assert.Contains(t, lines[0], option)
		})
	}
	_, stderr, code := run(t, []string{"CONSULT_ENV=production", "CONSULT_SMTP_URL=smtp://m:25", "CONSULT_BASE_URL=https://x.eu"}, "", "serve")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "CONSULT_JWT_SECRET: is required in production")
	_, stderr, code = run(t, []string{"CONSULT_ENV=production", "CONSULT_SMTP_URL=smtp://m:25", "CONSULT_BASE_URL=https://x.eu", "CONSULT_JWT_SECRET=" + strings.Repeat("j", 40)}, "", "serve")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "CONSULT_AUDIT_KEY: is required in production")
}

func TestHelpIsUseful(t *testing.T) {
	out, _, code := run(t, nil, "", "--help")
	require.Equal(t, 0, code)
	for _, sub := range []string{"serve", "migrate"} {
		assert.Contains(t, out, sub)
	}
	out, _, code = run(t, nil, "", "serve", "--help")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "CONSULT_ADDR")
	assert.Contains(t, out, "SIGTERM")
	out, _, code = run(t, nil, "", "migrate", "--help")
	require.Equal(t, 0, code)
	for _, sub := range []string{"up", "down", "status"} {
		assert.Contains(t, out, sub)
	}
}

func TestMigrateUpStatusDown(t *testing.T) {
	env := []string{"CONSULT_DATABASE_URL=" + testDatabaseURL(t)}
	out, stderr, code := run(t, env, "", "migrate", "status")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "pending")
	assert.NotContains(t, out, "applied")

	out, stderr, code = run(t, env, "", "migrate", "up")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "applied")

	out, _, code = run(t, env, "", "migrate", "status")
	require.Equal(t, 0, code)
	assert.NotContains(t, out, "pending")

	out, stderr, code = run(t, env, "", "migrate", "down")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "rolled back")
	out, _, _ = run(t, env, "", "migrate", "status")
	assert.Contains(t, out, "pending")
}

// startServe runs `consult serve` on a free port and waits until /healthz answers.
func startServe(t *testing.T, env []string) (*exec.Cmd, string, *lineLog) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	cmd := exec.Command(binary, "serve")
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "CONSULT_ADDR=" + addr, "CONSULT_DATA_DIR=" + t.TempDir()}, env...)
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	logs := &lineLog{lines: make(chan string, 1000)}
	go logs.read(stderr)
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			return cmd, "http://" + addr, logs
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("consult serve did not start")
	return nil, "", nil
}

type lineLog struct{ lines chan string }

func (l *lineLog) read(r interface{ Read([]byte) (int, error) }) {
	s := bufio.NewScanner(r)
	for s.Scan() {
		l.lines <- s.Text()
	}
	close(l.lines)
}

// waitFor returns the first log line containing s.
func (l *lineLog) waitFor(t *testing.T, s string) string {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case line, ok := <-l.lines:
			if !ok {
				t.Fatalf("log ended before %q", s)
			}
			if strings.Contains(line, s) {
				return line
			}
		case <-timeout:
			t.Fatalf("no log line with %q", s)
		}
	}
}

func TestServeMigratesInDevelopmentAndStopsOnSIGTERM(t *testing.T) {
	dbDir := t.TempDir()
	cmd, base, logs := startServe(t, []string{"CONSULT_DATABASE_URL=sqlite://" + filepath.Join(dbDir, "consult.db")})
	logs.waitFor(t, "development JWT secret generated")
	assert.FileExists(t, filepath.Join(dbDir, "jwt-secret"))
	logs.waitFor(t, "development audit key generated")
	assert.FileExists(t, filepath.Join(dbDir, "audit-key"))
	resp, err := http.Get(base + "/readyz")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)

	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		assert.NoError(t, err, "a clean stop exits 0")
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop on SIGTERM")
	}
}

func TestProductionRefusesToServeWhileAMigrationIsPending(t *testing.T) {
	dbURL := testDatabaseURL(t)
	env := []string{
		"CONSULT_DATABASE_URL=" + dbURL,
		"CONSULT_ENV=production",
		"CONSULT_JWT_SECRET=" + strings.Repeat("p", 40),
		"CONSULT_AUDIT_KEY=" + strings.Repeat("q", 40),
		"CONSULT_SMTP_URL=smtp://127.0.0.1:2525",
		"CONSULT_BASE_URL=https://consult.example.eu",
	}
	_, base, logs := startServe(t, env)
	logs.waitFor(t, "migration is pending")
	resp, err := http.Get(base + "/readyz")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 503, resp.StatusCode)

	_, stderr, code := run(t, env, "", "migrate", "up")
	require.Equal(t, 0, code, stderr)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		resp, err := http.Get(base + "/readyz")
		require.NoError(t, err)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatal("the server did not become ready after `consult migrate up`")
}
