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

	"gorm.io/gorm"

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

// mailID returns the id of the queued mail with subject.
func mailID(t *testing.T, db *gorm.DB, subject string) string {
	t.Helper()
	var id string
	require.NoError(t, db.Model(&models.MailMessage{}).Where("subject = ?", subject).Pluck("id", &id).Error)
	return id
}

// startWorker runs a worker with an hour between sweeps and a handoff, after its first sweep.
func startWorker(t *testing.T, db *gorm.DB, clk clock.Clock, s mail.Sender) *models.MailHandoff {
	t.Helper()
	handoff := models.NewMailHandoff()
	w := &mail.Worker{DB: db, Sender: s, Clock: clk, Log: quiet, Interval: time.Hour, Handoff: handoff}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); w.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	time.Sleep(50 * time.Millisecond) // the first sweep, with nothing to send
	return handoff
}

func (s *countingSender) sent(id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sends[id]
}

// TestHandedOverMailLeavesBeforeTheSweep: a mail handed over leaves at once, claimed by its id,
// long before the next sweep; a mail queued beside it and not handed over waits for the sweep.
func TestHandedOverMailLeavesBeforeTheSweep(t *testing.T) {
	db := testutil.NewDB(t)
	clk := clock.NewManual(time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC))
	s := &countingSender{sends: map[string]int{}}
	handoff := startWorker(t, db.DB, clk, s)

	enqueue(t, db.DB, "r@example.eu", "Receipt", "Thanks", clk.Now())
	enqueue(t, db.DB, "v@example.eu", "Verify", "Click", clk.Now())
	receipt, other := mailID(t, db.DB, "Receipt"), mailID(t, db.DB, "Verify")
	handoff.Add(receipt)
	require.Eventually(t, func() bool { return s.sent(receipt) == 1 }, 5*time.Second, 10*time.Millisecond,
		"the handed-over mail leaves when the worker is woken")
	time.Sleep(50 * time.Millisecond)
	assert.Zero(t, s.sent(other), "a mail not handed over waits for the sweep")
	var m models.MailMessage
	require.NoError(t, db.DB.First(&m, "id = ?", receipt).Error)
	assert.Equal(t, models.MailSent, m.Status)
}

// surgeSender queues one more mail for every mail it sends, a second later: a surge that never
// lets the outbox run dry.
type surgeSender struct {
	db    *gorm.DB
	clk   *clock.Manual
	sends atomic.Int32
	err   atomic.Value
}

func (s *surgeSender) Send(ctx context.Context, _ mail.Message) error {
	s.sends.Add(1)
	s.clk.Advance(time.Second)
	if err := models.EnqueueMail(ctx, s.db, "next@example.eu", "Receipt", "Thanks", s.clk.Now()); err != nil {
		s.err.Store(err)
	}
	return nil
}

// TestSweepEndsWithTheMailsDueWhenItStarted: a sweep under a steady surge sends the mails that
// were due when it started and returns; the ones queued meanwhile are the handoff's (or the next
// sweep's), or the sweep would run for as long as the surge.
func TestSweepEndsWithTheMailsDueWhenItStarted(t *testing.T) {
	db := testutil.NewDB(t)
	clk := clock.NewManual(time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC))
	s := &surgeSender{db: db.DB, clk: clk}
	w := &mail.Worker{DB: db.DB, Sender: s, Clock: clk, Log: quiet, Interval: time.Hour, Concurrency: 1}
	const due = 16 // one batch of a worker sending one at a time
	for range due {
		enqueue(t, db.DB, "r@example.eu", "Receipt", "Thanks", clk.Now())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	sent, err := w.RunOnce(ctx)
	require.NoError(t, err)
	require.Nil(t, s.err.Load())
	assert.Equal(t, due, sent, "the sweep sent what was due when it started, and stopped")
	var waiting int64
	require.NoError(t, db.DB.Model(&models.MailMessage{}).Where("status = ?", models.MailPending).Count(&waiting).Error)
	assert.EqualValues(t, due, waiting, "the mails queued during the sweep wait for the next one")
}

// busySender hands a new mail over for every mail it sends, before the send returns: a surge that
// keeps the handoff from ever running dry.
type busySender struct {
	countingSender
	db      *gorm.DB
	clk     clock.Clock
	handoff *models.MailHandoff
}

func (s *busySender) Send(ctx context.Context, m mail.Message) error {
	if err := s.countingSender.Send(ctx, m); err != nil {
		return err
	}
	next := models.MailMessage{ID: models.NewID(), ToAddress: "next@example.eu", Subject: "Receipt", BodyText: "Thanks",
		Status: models.MailPending, NextAttemptAt: s.clk.Now(), CreatedAt: s.clk.Now()}
	if err := s.db.WithContext(ctx).Create(&next).Error; err == nil {
		s.handoff.Add(next.ID)
	}
	return nil
}

// TestBusyHandoffPostponesTheSweepOnlySoLong: while handed-over mails keep coming, a mail no one
// handed over (a password reset, a retry) still leaves, with the sweep the handoff may postpone
// for only so many Intervals.
func TestBusyHandoffPostponesTheSweepOnlySoLong(t *testing.T) {
	db := testutil.NewDB(t)
	clk := clock.NewManual(time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC))
	handoff := models.NewMailHandoff()
	s := &busySender{countingSender: countingSender{sends: map[string]int{}}, db: db.DB, clk: clk, handoff: handoff}
	w := &mail.Worker{DB: db.DB, Sender: s, Clock: clk, Log: quiet, Interval: 10 * time.Millisecond, Concurrency: 1, Handoff: handoff}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); w.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })

	enqueue(t, db.DB, "r@example.eu", "First receipt", "Thanks", clk.Now())
	handoff.Add(mailID(t, db.DB, "First receipt"))
	require.Eventually(t, func() bool { return s.peak.Load() > 0 }, 5*time.Second, time.Millisecond, "the surge runs")
	enqueue(t, db.DB, "u@example.eu", "Reset", "Your link", clk.Now())
	reset := mailID(t, db.DB, "Reset")
	require.Eventually(t, func() bool { return s.sent(reset) == 1 }, 10*time.Second, 10*time.Millisecond,
		"the sweep runs although the handoff never runs dry")
}

// TestOverflowingHandoffSweepsTheOutbox: when more mails are handed over than the handoff holds,
// the worker sweeps the outbox, so the ones it dropped leave at once too.
func TestOverflowingHandoffSweepsTheOutbox(t *testing.T) {
	db := testutil.NewDB(t)
	clk := clock.NewManual(time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC))
	s := &countingSender{sends: map[string]int{}}
	handoff := models.NewMailHandoff()
	w := &mail.Worker{DB: db.DB, Sender: s, Clock: clk, Log: quiet, Interval: time.Hour, Handoff: handoff}

	enqueue(t, db.DB, "r@example.eu", "Receipt", "Thanks", clk.Now())
	dropped := mailID(t, db.DB, "Receipt")
	for i := range models.MaxHandedOver {
		handoff.Add("gone-" + strconv.Itoa(i))
	}
	handoff.Add(dropped)
	sent, err := w.SendHandedOver(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1, sent)
	assert.Equal(t, 1, s.sent(dropped), "the sweep sends the mail the full handoff dropped")
	ids, overflowed := handoff.Take()
	assert.Empty(t, ids)
	assert.False(t, overflowed, "the handoff is empty again")
}

// TestSMTPSendsOverANewConnectionWhenTheServerClosedItsIdleOne: the sender keeps its connections
// between mails; when the mail server restarted meanwhile, the next mail fails on the kept
// connection before anything was sent and goes out over a new one, once.
func TestSMTPSendsOverANewConnectionWhenTheServerClosedItsIdleOne(t *testing.T) {
	mp := testutil.StartMailpit(t)
	sender, err := mail.NewSMTP("smtp://"+mp.SMTPAddr, from)
	require.NoError(t, err)
	defer sender.Close()
	ctx := context.Background()
	require.NoError(t, sender.Send(ctx, mail.Message{ID: "first", To: "a@example.eu", Subject: "First", Body: "One"}))
	mp.Restart(t)
	require.NoError(t, sender.Send(ctx, mail.Message{ID: "second", To: "a@example.eu", Subject: "Second", Body: "Two"}))
	subjects := map[string]int{}
	for _, m := range mp.Messages(t) {
		subjects[m.Subject]++
	}
	assert.Equal(t, map[string]int{"First": 1, "Second": 1}, subjects)
}
