package testutil

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// MailpitEnv names the Mailpit binary; `make test` installs it into bin/ and sets this.
const MailpitEnv = "CONSULT_TEST_MAILPIT"

// Mailpit is a real SMTP server (the mail catcher docker-compose.yml runs) started for one test.
type Mailpit struct {
	SMTPAddr string
	APIURL   string
}

// StartMailpit runs Mailpit on free loopback ports until the test ends. Without the binary the
// test is skipped, except in CI (CI=true), where a missing binary is a failure.
func StartMailpit(t testing.TB) *Mailpit {
	t.Helper()
	bin := findMailpit()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("Mailpit not found: set %s or run `make tools`", MailpitEnv)
		}
		t.Skipf("Mailpit not found (set %s or run `make tools`): skipping the real-SMTP test", MailpitEnv)
	}
	smtpAddr, httpAddr := freeAddr(t), freeAddr(t)
	cmd := exec.Command(bin, "--smtp", smtpAddr, "--listen", httpAddr, "--database", filepath.Join(t.TempDir(), "mailpit.db"),
		"--smtp-auth-accept-any", "--smtp-auth-allow-insecure", "--disable-version-check")
	if err := cmd.Start(); err != nil {
		t.Fatalf("start mailpit: %v", err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	m := &Mailpit{SMTPAddr: smtpAddr, APIURL: "http://" + httpAddr}
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(m.APIURL + "/api/v1/messages"); err == nil {
			resp.Body.Close()
			if conn, err := net.Dial("tcp", smtpAddr); err == nil {
				conn.Close()
				return m
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("mailpit did not start")
	return nil
}

func findMailpit() string {
	if p := os.Getenv(MailpitEnv); p != "" {
		return p
	}
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p
	}
	if home, err := os.UserHomeDir(); err == nil {
		if p := filepath.Join(home, "go", "bin", "mailpit"); fileExists(p) {
			return p
		}
	}
	return ""
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

func freeAddr(t testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("free port: %v", err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// MailpitMessage is a received mail as Mailpit reports it.
type MailpitMessage struct {
	ID      string `json:"ID"`
	Subject string `json:"Subject"`
	From    struct {
		Address string `json:"Address"`
	} `json:"From"`
	To []struct {
		Address string `json:"Address"`
	} `json:"To"`
	Text string `json:"Text"`
}

// Messages lists the received mails, newest first, with their text.
func (m *Mailpit) Messages(t testing.TB) []MailpitMessage {
	t.Helper()
	var list struct {
		Messages []MailpitMessage `json:"messages"`
	}
	getJSON(t, m.APIURL+"/api/v1/messages", &list)
	for i := range list.Messages {
		getJSON(t, fmt.Sprintf("%s/api/v1/message/%s", m.APIURL, list.Messages[i].ID), &list.Messages[i])
	}
	return list.Messages
}

func getJSON(t testing.TB, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("decode %s: %v", url, err)
	}
}
