package testutil

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// MailpitEnv names the Mailpit binary; `make test` installs it into bin/ and sets this.
const MailpitEnv = "CONSULT_TEST_MAILPIT"

// Mailpit is a real SMTP server (the mail catcher docker-compose.yml runs) started for one test.
type Mailpit struct {
	SMTPAddr string
	APIURL   string
	bin      string
	dbPath   string
	stop     func() // kills the running process and waits for it
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
	for range 5 {
		m := &Mailpit{SMTPAddr: freeAddr(t), bin: bin, dbPath: filepath.Join(t.TempDir(), "mailpit.db")}
		m.APIURL = "http://" + freeAddr(t)
		if m.start(t) {
			return m
		}
	}
	t.Fatalf("mailpit did not start")
	return nil
}

// Restart stops Mailpit and starts it again on the same ports and database, so that the
// connections clients held are gone.
func (m *Mailpit) Restart(t testing.TB) {
	t.Helper()
	m.stop()
	for range 5 {
		if m.start(t) {
			return
		}
	}
	t.Fatalf("mailpit did not restart on %s", m.SMTPAddr)
}

// start runs Mailpit on m's ports and reports whether it answers there, false when this process
// did not get them: a port found free can be taken by another test package's Mailpit before this
// one binds it, and then a Mailpit that answers is not this one (Mailpit serves HTTP before it
// binds SMTP and exits when SMTP is taken). So it checks that the HTTP side names this run's
// database and that this process still runs after SMTP answers.
func (m *Mailpit) start(t testing.TB) bool {
	t.Helper()
	cmd := exec.Command(m.bin, "--smtp", m.SMTPAddr, "--listen", strings.TrimPrefix(m.APIURL, "http://"), "--database", m.dbPath,
		"--smtp-auth-accept-any", "--smtp-auth-allow-insecure", "--disable-version-check")
	if err := cmd.Start(); err != nil {
		t.Fatalf("start mailpit: %v", err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	var once sync.Once
	m.stop = func() { once.Do(func() { _ = cmd.Process.Kill(); <-exited }) }
	t.Cleanup(m.stop)
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return false
		case <-time.After(50 * time.Millisecond):
		}
		if m.database() != m.dbPath {
			continue
		}
		if conn, err := net.Dial("tcp", m.SMTPAddr); err == nil {
			conn.Close()
			select {
			case <-exited:
				return false
			case <-time.After(100 * time.Millisecond): // a Mailpit that lost SMTP to another exits at once
				return true
			}
		}
	}
	m.stop()
	return false
}

// database is the database file the Mailpit answering at APIURL names, "" when none answers.
func (m *Mailpit) database() string {
	resp, err := http.Get(m.APIURL + "/api/v1/info")
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	var info struct {
		Database string `json:"Database"`
	}
	if json.NewDecoder(resp.Body).Decode(&info) != nil {
		return ""
	}
	return info.Database
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
