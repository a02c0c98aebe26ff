package main

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDevelopmentMailLinksPointAtTheAddressServed: with CONSULT_ADDR on another port and no
// CONSULT_BASE_URL, a registration's mailed link leads to the server that sent it; the outbox
// holds it readable and the log prints it.
func TestDevelopmentMailLinksPointAtTheAddressServed(t *testing.T) {
	data := t.TempDir()
	_, base, logs := startServe(t, []string{"CONSULT_DATABASE_URL=" + testDatabaseURL(t), "CONSULT_DATA_DIR=" + data})
	_, port, err := net.SplitHostPort(strings.TrimPrefix(base, "http://"))
	require.NoError(t, err)
	want := "http://localhost:" + port + "/verify-email#token="

	body, err := json.Marshal(map[string]string{"email": "dev@example.eu", "password": "fjord quilt saxophone 7",
		"display_name": "Dev", "stakeholder_type": "company", "country": "BE"})
	require.NoError(t, err)
	resp, err := http.Post(base+"/api/v1/auth/register", "application/json", bytes.NewReader(body))
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusCreated, resp.StatusCode)

	line := logs.waitFor(t, "mail written to the development outbox")
	assert.Contains(t, line, want)
	var texts []string
	for deadline := time.Now().Add(10 * time.Second); len(texts) == 0 && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		texts, _ = filepath.Glob(filepath.Join(data, "outbox", "*.txt"))
	}
	require.Len(t, texts, 1)
	raw, err := os.ReadFile(texts[0])
	require.NoError(t, err)
	assert.Contains(t, string(raw), want)
}

// TestPortZeroGivesTheChosenPortToTheBaseURL: the base URL names the port the system chose.
func TestPortZeroGivesTheChosenPortToTheBaseURL(t *testing.T) {
	cmd := exec.Command(binary, "serve")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "CONSULT_ADDR=127.0.0.1:0", "CONSULT_DATA_DIR=" + t.TempDir(),
		"CONSULT_DATABASE_URL=" + testDatabaseURL(t)}
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	logs := &lineLog{lines: make(chan string, 1000)}
	go logs.read(stderr)
	line := logs.waitFor(t, "msg=serving")
	m := regexp.MustCompile(`addr=127\.0\.0\.1:(\d+) .*base_url=http://localhost:(\d+)`).FindStringSubmatch(line)
	require.NotNil(t, m, line)
	assert.NotEqual(t, "0", m[1])
	assert.Equal(t, m[1], m[2])
}
