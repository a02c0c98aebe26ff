package mail_test

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/internal/clock"
	"consult/internal/mail"
	"consult/internal/testutil"
	"consult/models"
)

// countingSender records how often each mail was sent and how many sends ran at once.
type countingSender struct {
	mu            sync.Mutex
	sends         map[string]int
	running, peak atomic.Int32
}

func (s *countingSender) Send(_ context.Context, m mail.Message) error {
	n := s.running.Add(1)
	defer s.running.Add(-1)
	for old := s.peak.Load(); n > old && !s.peak.CompareAndSwap(old, n); old = s.peak.Load() {
	}
	time.Sleep(2 * time.Millisecond) // a mail server's round trips, during which others overlap
	s.mu.Lock()
	s.sends[m.ID]++
	s.mu.Unlock()
	return nil
}

// TestTwoWorkersSendEveryMailOnceWithinTheirBound: two workers on one outbox (two server
// processes) drain it together; each sends at most Concurrency mails at once, and every mail is
// sent exactly once.
func TestTwoWorkersSendEveryMailOnceWithinTheirBound(t *testing.T) {
	db := testutil.NewDB(t)
	clk := clock.NewManual(time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC))
	const queued = 400
	for i := range queued {
		enqueue(t, db.DB, "r"+strconv.Itoa(i)+"@example.eu", "Receipt", "Thanks", clk.Now())
	}
	senders := []*countingSender{{sends: map[string]int{}}, {sends: map[string]int{}}}
	var wg sync.WaitGroup
	var sent atomic.Int64
	for _, s := range senders {
		w := &mail.Worker{DB: db.DB, Sender: s, Clock: clk, Log: quiet, Interval: time.Second, Concurrency: 3}
		wg.Go(func() {
			n, err := w.RunOnce(context.Background())
			assert.NoError(t, err)
			sent.Add(int64(n))
		})
	}
	wg.Wait()

	assert.Equal(t, int64(queued), sent.Load())
	total := map[string]int{}
	for _, s := range senders {
		assert.LessOrEqual(t, s.peak.Load(), int32(3), "a worker sends at most Concurrency mails at once")
		for id, n := range s.sends {
			total[id] += n
		}
	}
	assert.Greater(t, senders[0].peak.Load()+senders[1].peak.Load(), int32(2), "mails are sent concurrently")
	assert.Len(t, total, queued)
	for id, n := range total {
		assert.Equal(t, 1, n, "mail %s", id)
	}
	var unsent int64
	require.NoError(t, db.Model(&models.MailMessage{}).Where("status <> ?", models.MailSent).Count(&unsent).Error)
	assert.Zero(t, unsent)
}

// TestSMTPSendsManyMailsOverItsConnections: a worker with several connections delivers every
// mail of a batch through a real SMTP server, each once, reusing connections between mails.
func TestSMTPSendsManyMailsOverItsConnections(t *testing.T) {
	mp := testutil.StartMailpit(t)
	db := testutil.NewDB(t)
	clk := clock.NewManual(time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC))
	sender, err := mail.NewSMTP("smtp://"+mp.SMTPAddr, from)
	require.NoError(t, err)
	defer sender.Close()
	const queued = 40 // within the first page of Mailpit's list
	for i := range queued {
		enqueue(t, db.DB, "r"+strconv.Itoa(i)+"@example.eu", "Receipt "+strconv.Itoa(i), "Thanks", clk.Now())
	}
	w := &mail.Worker{DB: db.DB, Sender: sender, Clock: clk, Log: quiet, Interval: time.Second, Concurrency: 4}
	for range 2 { // the second round finds nothing due and sends nothing again
		_, err := w.RunOnce(context.Background())
		require.NoError(t, err)
	}
	subjects := map[string]int{}
	for _, m := range mp.Messages(t) {
		subjects[m.Subject]++
	}
	assert.Len(t, subjects, queued)
	for s, n := range subjects {
		assert.Equal(t, 1, n, s)
	}
	require.NoError(t, sender.Close())
}

// TestWakeSendsBeforeTheTick: a mail queued after the worker's first round leaves when the
// worker is woken, long before its next tick.
func TestWakeSendsBeforeTheTick(t *testing.T) {
	db := testutil.NewDB(t)
	clk := clock.NewManual(time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC))
	s := &countingSender{sends: map[string]int{}}
	wake := make(chan struct{}, 1)
	w := &mail.Worker{DB: db.DB, Sender: s, Clock: clk, Log: quiet, Interval: time.Hour, Wake: wake}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); w.Run(ctx) }()
	defer func() { cancel(); <-done }()

	time.Sleep(50 * time.Millisecond) // the first round, with nothing to send
	enqueue(t, db.DB, "r@example.eu", "Receipt", "Thanks", clk.Now())
	wake <- struct{}{}
	require.Eventually(t, func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return len(s.sends) == 1
	}, 5*time.Second, 10*time.Millisecond, "the woken worker sends the queued mail")
}
