// Package mail delivers the mails that the outbox holds: through SMTP in production, or into a
// folder (and the log) in development, so `make run` needs no mail server. A worker takes due mails
// from the outbox, sends them, and retries failures with backoff; nothing is lost when the mail
// server is down.
package mail

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"
)

// Message is one mail to deliver.
type Message struct {
	ID      string
	To      string
	Subject string
	Body    string
}

// Sender delivers one message.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// build composes the MIME message, UTF-8 plain text.
func build(from string, m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("from address: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("to address: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(m.ID + "@consult")
	msg.SetDate()
	msg.SetBodyString(gomail.TypeTextPlain, m.Body)
	return msg, nil
}

// maxIdleConns bounds the SMTP connections kept open between sends; the Worker's concurrency
// bounds how many are open at once.
const maxIdleConns = 16

// SMTP sends through a mail server named by a CONSULT_SMTP_URL: smtp:// uses STARTTLS when the
// server offers it (mandatory when credentials are given), smtps:// uses implicit TLS. It keeps
// the connections it opened for the next sends, so a busy outbox does not pay a handshake per
// mail; Close closes them. A mail costs four round trips (MAIL, RCPT, DATA, the text): no NOOP
// before it, no RSET after it (a transaction ends with its text). A kept connection the server
// has closed meanwhile fails at MAIL, before anything was sent, and the mail goes out over a new
// one. It is safe for concurrent use.
type SMTP struct {
	from   string
	client *gomail.Client // the configuration every connection is dialled with
	idle   chan *smtp.Client
}

// NewSMTP prepares a sender from an smtp:// or smtps:// URL.
func NewSMTP(rawURL, from string) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	opts := []gomail.Option{gomail.WithTimeout(20 * time.Second), gomail.WithoutNoop(), gomail.WithoutRset()}
	port := 587
	if u.Scheme == "smtps" {
		port = 465
		opts = append(opts, gomail.WithSSL())
	} else {
		policy := gomail.TLSOpportunistic
		if u.User != nil {
			policy = gomail.TLSMandatory
		}
		opts = append(opts, gomail.WithTLSPolicy(policy))
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("smtp port: %w", err)
		}
	}
	opts = append(opts, gomail.WithPort(port))
	if u.User != nil {
		pw, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(u.User.Username()), gomail.WithPassword(pw))
	}
	client, err := gomail.NewClient(u.Hostname(), opts...)
	if err != nil {
		return nil, err
	}
	return &SMTP{from: from, client: client, idle: make(chan *smtp.Client, maxIdleConns)}, nil
}

// Send delivers m over an idle connection, or a new one when none is idle or the idle one
// failed before anything was sent (the server had closed it).
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg, err := build(s.from, m)
	if err != nil {
		return err
	}
	select {
	case conn := <-s.idle:
		err := s.sendOn(conn, msg)
		var sendErr *gomail.SendError
		if !errors.As(err, &sendErr) || (sendErr.Reason != gomail.ErrConnCheck && sendErr.Reason != gomail.ErrSMTPMailFrom) {
			return err
		}
	default:
	}
	conn, err := s.client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return err
	}
	return s.sendOn(conn, msg)
}

// sendOn sends msg over conn and keeps conn for the next send when it succeeded and there is room;
// otherwise it closes conn.
func (s *SMTP) sendOn(conn *smtp.Client, msg *gomail.Msg) error {
	if err := s.client.SendWithSMTPClient(conn, msg); err != nil {
		_ = s.client.CloseWithSMTPClient(conn)
		return err
	}
	select {
	case s.idle <- conn:
	default:
		_ = s.client.CloseWithSMTPClient(conn)
	}
	return nil
}

// Close closes the idle connections.
func (s *SMTP) Close() error {
	var errs []error
	for {
		select {
		case conn := <-s.idle:
			errs = append(errs, s.client.CloseWithSMTPClient(conn))
		default:
			return errors.Join(errs...)
		}
	}
}

// Folder writes each mail into a folder, as an .eml file and as a readable .txt copy (the decoded
// text, whose links can be opened as they are), and logs it with its first link: the development
// outbox.
type Folder struct {
	dir  string
	from string
	log  *slog.Logger
}

// NewFolder returns a sender writing into dir.
func NewFolder(dir, from string, log *slog.Logger) *Folder {
	return &Folder{dir: dir, from: from, log: log}
}

// link is the first address in a mail, without the punctuation that ends its sentence.
var link = regexp.MustCompile(`https?://[^\s"<>]*[^\s"<>.,;:!?)]`)

// Send writes m to the folder and logs its recipient, subject, link and text.
func (f *Folder) Send(_ context.Context, m Message) error {
	msg, err := build(f.from, m)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(f.dir, 0o750); err != nil {
		return err
	}
	base := filepath.Join(f.dir, time.Now().UTC().Format("20060102T150405")+"-"+m.ID)
	if err := writeNew(base+".eml", func(w io.Writer) error { _, err := msg.WriteTo(w); return err }); err != nil {
		return err
	}
	text := "From: " + f.from + "\nTo: " + m.To + "\nSubject: " + m.Subject + "\n\n" + m.Body
	if err := writeNew(base+".txt", func(w io.Writer) error { _, err := io.WriteString(w, text); return err }); err != nil {
		return err
	}
	f.log.Info("mail written to the development outbox", "to", m.To, "subject", m.Subject, "link", link.FindString(m.Body),
		"file", base+".txt", "body", m.Body)
	return nil
}

// writeNew creates name, which must not exist, and fills it with write.
func writeNew(name string, write func(io.Writer) error) error {
	file, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600) //nolint:gosec // our folder, our file name
	if err != nil {
		return err
	}
	return errors.Join(write(file), file.Close())
}
