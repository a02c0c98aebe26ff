package mail_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gorm.io/gorm"

	"consult/internal/clock"
	"consult/internal/mail"
	"consult/internal/testutil"
	"consult/models"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

const from = "consult <no-reply@consult.example.eu>"

func enqueue(t testing.TB, db *gorm.DB, to, subject, body string, now time.Time) {
	t.Helper()
	require.NoError(t, models.EnqueueMail(context.Background(), db, to, subject, body, now))
}

// TestSMTPDeliveryThroughARealServer sends through Mailpit, the mail catcher of docker-compose.yml.
func TestSMTPDeliveryThroughARealServer(t *testing.T) {
	mp := testutil.StartMailpit(t)
	db := testutil.NewDB(t)
	clk := clock.NewManual(time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC))
	sender, err := mail.NewSMTP("smtp://user:secret@"+mp.SMTPAddr, from)
	require.NoError(t, err)
	// Mailpit offers no STARTTLS here; credentials over plain SMTP are refused by the sender's
	// mandatory-TLS policy, which is what production wants. Without credentials, opportunistic.
	plain, err := mail.NewSMTP("smtp://"+mp.SMTPAddr, from)
	require.NoError(t, err)

	body := "Γεια σας, Zoë! Bonjour, Łódź: ünïcödé survives.\n\nhttps://consult.example.eu/verify-email#token=abc"
	enqueue(t, db.DB, "zoe@example.eu", "Confirm your email address — ελληνικά", body, clk.Now())

	w := &mail.Worker{DB: db.DB, Sender: sender, Clock: clk, Log: quiet, Interval: time.Second}
	n, err := w.RunOnce(context.Background())
	require.NoError(t, err)
	assert.Zero(t, n, "credentials without TLS are refused, not sent in the clear")
	var m models.MailMessage
	require.NoError(t, db.Take(&m).Error)
	assert.Equal(t, models.MailPending, m.Status)
	assert.Equal(t, 1, m.Attempts)
	assert.NotEmpty(t, m.LastError)

	clk.Advance(time.Minute)
	w.Sender = plain
	n, err = w.RunOnce(context.Background())
	require.NoError(t, err)
	require.Equal(t, 1, n)

	msgs := mp.Messages(t)
	require.Len(t, msgs, 1)
	assert.Equal(t, "Confirm your email address — ελληνικά", msgs[0].Subject)
	assert.Equal(t, "zoe@example.eu", msgs[0].To[0].Address)
	assert.Equal(t, "no-reply@consult.example.eu", msgs[0].From.Address)
	assert.Equal(t, body, strings.TrimRight(strings.ReplaceAll(msgs[0].Text, "\r\n", "\n"), "\n"))

	var sent models.MailMessage
	require.NoError(t, db.Take(&sent).Error)
	assert.Equal(t, models.MailSent, sent.Status)
	assert.NotNil(t, sent.SentAt)
}

// TestFailedSendIsRetriedNotLost: with the mail server down, the mail waits and is retried with
// backoff; once the server answers, it goes out.
func TestFailedSendIsRetriedNotLost(t *testing.T) {
	db := testutil.NewDB(t)
	clk := clock.NewManual(time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC))
	down, err := mail.NewSMTP("smtp://127.0.0.1:1", from)
	require.NoError(t, err)
	enqueue(t, db.DB, "a@example.eu", "Hello", "Body", clk.Now())
	w := &mail.Worker{DB: db.DB, Sender: down, Clock: clk, Log: quiet, Interval: time.Second}

	for attempt := 1; attempt <= 3; attempt++ {
		n, err := w.RunOnce(context.Background())
		require.NoError(t, err)
		assert.Zero(t, n)
		n, err = w.RunOnce(context.Background())
		require.NoError(t, err)
		assert.Zero(t, n, "not due again before its backoff")
		clk.Advance(time.Duration(30<<attempt) * time.Second)
	}
	var m models.MailMessage
	require.NoError(t, db.Take(&m).Error)
	assert.Equal(t, 3, m.Attempts)
	assert.Equal(t, models.MailPending, m.Status)

	dir := t.TempDir()
	w.Sender = mail.NewFolder(dir, from, quiet)
	n, err := w.RunOnce(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	files, err := filepath.Glob(filepath.Join(dir, "*.eml"))
	require.NoError(t, err)
	require.Len(t, files, 1)
	raw, err := os.ReadFile(files[0])
	require.NoError(t, err)
	assert.Contains(t, string(raw), "Subject: Hello")
	assert.Contains(t, string(raw), "To: <a@example.eu>")
}

func TestMailGivesUpAfterMaxAttemptsButKeepsTheMail(t *testing.T) {
	db := testutil.NewDB(t)
	clk := clock.NewManual(time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC))
	down, err := mail.NewSMTP("smtp://127.0.0.1:1", from)
	require.NoError(t, err)
	enqueue(t, db.DB, "a@example.eu", "Hello", "Body", clk.Now())
	w := &mail.Worker{DB: db.DB, Sender: down, Clock: clk, Log: quiet, Interval: time.Second}
	for range models.MaxMailAttempts {
		_, err := w.RunOnce(context.Background())
		require.NoError(t, err)
		clk.Advance(24 * time.Hour)
	}
	var m models.MailMessage
	require.NoError(t, db.Take(&m).Error)
	assert.Equal(t, models.MailFailed, m.Status)
	assert.Equal(t, models.MaxMailAttempts, m.Attempts)
}

// TestDevelopmentOutboxKeepsAReadableCopyAndLogsTheLink: the .eml is encoded for transport
// (quoted-printable turns "=" into "=3D"), so the folder also holds the decoded text, and the log
// names the link to open.
func TestDevelopmentOutboxKeepsAReadableCopyAndLogsTheLink(t *testing.T) {
	var log strings.Builder
	dir := t.TempDir()
	folder := mail.NewFolder(dir, from, slog.New(slog.NewTextHandler(&log, nil)))
	body := "Hello Zoë,\n\nPlease confirm:\n\nhttp://localhost:8123/verify-email#token=abc_DEF-123\n\nThanks."
	require.NoError(t, folder.Send(context.Background(), mail.Message{ID: "m1", To: "zoe@example.eu", Subject: "Confirm your email address", Body: body}))

	texts, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	require.NoError(t, err)
	require.Len(t, texts, 1)
	raw, err := os.ReadFile(texts[0])
	require.NoError(t, err)
	assert.Contains(t, string(raw), "Subject: Confirm your email address")
	assert.Contains(t, string(raw), "To: zoe@example.eu")
	assert.True(t, strings.HasSuffix(string(raw), "\n\n"+body), string(raw))
	emls, err := filepath.Glob(filepath.Join(dir, "*.eml"))
	require.NoError(t, err)
	assert.Len(t, emls, 1)
	assert.Contains(t, log.String(), `link="http://localhost:8123/verify-email#token=abc_DEF-123"`)

	log.Reset()
	require.NoError(t, folder.Send(context.Background(), mail.Message{ID: "m2", To: "zoe@example.eu", Subject: "Comment received",
		Body: "See your comments at http://localhost:8123/me/comments."}))
	assert.Contains(t, log.String(), "link=http://localhost:8123/me/comments ", "the sentence's full stop is not part of the link")
}
