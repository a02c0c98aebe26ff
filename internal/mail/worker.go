package mail

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"sync"
	"time"

	"gorm.io/gorm"

	"consult/internal/clock"
	"consult/models"
)

// DefaultConcurrency is how many mails a Worker sends at once when Concurrency is not set.
const DefaultConcurrency = 4

// claimLease is how long a claimed mail belongs to this worker; another process takes it only after.
const claimLease = 2 * time.Minute

// sweepPatience is how many Intervals handed-over mails may keep a sweep waiting: a surge that
// outruns the mail server keeps the handoff busy, and the mails no one handed over (retries,
// account mails, other processes' mails) must not wait for the surge to end.
const sweepPatience = 15

// sendTimeout bounds the delivery of one mail.
const sendTimeout = 30 * time.Second

// Worker sends due mails from the outbox: it claims them in batches and sends each batch with a
// bounded number of concurrent senders (for SMTP, connections). Every Interval it sweeps the
// outbox for due mail until none is left; in between, it sends the mails handed over to it as
// they are queued.
type Worker struct {
	DB       *gorm.DB
	Sender   Sender
	Clock    clock.Clock
	Log      *slog.Logger
	Interval time.Duration
	// Concurrency is how many mails are sent at once; below 1 means DefaultConcurrency.
	Concurrency int
	// Handoff, when set, wakes the worker before the next Interval with the ids of mails just
	// queued, which it claims by id (models.QueuedMail).
	Handoff *models.MailHandoff
}

// Run sweeps the outbox every Interval and sends handed-over mails as they come, until ctx ends,
// and prunes old rate-limit windows hourly. While handed-over mails wait, they go first and the
// sweep waits for the handoff to run dry (at most sweepPatience Intervals): the sweep would take
// the same mails (they are due), each batch through the due index instead of by id. On its way
// out it closes the Sender when the Sender holds connections (an io.Closer).
func (w *Worker) Run(ctx context.Context) {
	if c, ok := w.Sender.(io.Closer); ok {
		defer func() { _ = c.Close() }()
	}
	t := time.NewTicker(w.Interval)
	defer t.Stop()
	var wake <-chan struct{}
	if w.Handoff != nil {
		wake = w.Handoff.Wake()
	}
	lastPrune := time.Time{}
	sweepDue, sweepAsked := true, time.Time{}
	askSweep := func() {
		if !sweepDue {
			sweepDue, sweepAsked = true, time.Now()
		}
	}
	for {
		var err error
		switch {
		case sweepDue && time.Since(sweepAsked) > sweepPatience*w.Interval:
			_, err = w.RunOnce(ctx)
			sweepDue = false
		case w.handedOverWaiting():
			_, err = w.SendHandedOver(ctx)
		case sweepDue:
			_, err = w.RunOnce(ctx)
			sweepDue = false
		}
		if err != nil && ctx.Err() == nil {
			w.Log.Warn("mail outbox", "error", err)
		}
		if now := w.Clock.Now(); now.Sub(lastPrune) > time.Hour {
			if err := models.PruneRateCounters(ctx, w.DB, now.Add(-24*time.Hour)); err == nil {
				lastPrune = now
			}
		}
		if ctx.Err() != nil {
			return
		}
		if err == nil && (w.handedOverWaiting() || sweepDue) {
			select { // still busy: only note a tick
			case <-t.C:
				askSweep()
			default:
			}
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			askSweep()
		case <-wake:
		}
	}
}

// handedOverWaiting says whether mails were handed over since the last round.
func (w *Worker) handedOverWaiting() bool { return w.Handoff != nil && w.Handoff.Waiting() }

// RunOnce sends the mails due when it starts, batch after batch until a batch comes back short,
// and returns how many were delivered. Mails queued meanwhile wait for the handoff or the next
// round: under a steady surge a sweep that took them too would never end, and the handoff's
// cheap claims by id would give way to sweeps, each walking the due index.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	batchSize := w.batchSize()
	start := w.Clock.Now()
	sent := 0
	for ctx.Err() == nil {
		due, err := models.ClaimDueMail(ctx, w.DB, batchSize, start, claimLease, w.Clock.Now())
		if err != nil {
			return sent, err
		}
		n, err := w.sendBatch(ctx, due)
		sent += n
		if err != nil || len(due) < batchSize {
			return sent, err
		}
	}
	return sent, nil
}

// SendHandedOver claims by id and sends the mails handed over since the last round, or sweeps
// the outbox when the handoff overflowed, and returns how many were delivered.
func (w *Worker) SendHandedOver(ctx context.Context) (int, error) {
	ids, overflowed := w.Handoff.Take()
	if overflowed {
		return w.RunOnce(ctx)
	}
	sent := 0
	for chunk := range slices.Chunk(ids, w.batchSize()) {
		due, err := models.ClaimMail(ctx, w.DB, chunk, claimLease, w.Clock.Now())
		if err != nil {
			return sent, err
		}
		n, err := w.sendBatch(ctx, due)
		sent += n
		if err != nil {
			return sent, err
		}
	}
	return sent, nil
}

// batchSize is how many mails one claim takes.
func (w *Worker) batchSize() int { return 16 * w.concurrency() }

func (w *Worker) concurrency() int {
	if w.Concurrency < 1 {
		return DefaultConcurrency
	}
	return w.Concurrency
}

// sendBatch sends claimed mails with up to Concurrency at once, then records the delivered ones
// in one statement and schedules each failed one for another attempt.
func (w *Worker) sendBatch(ctx context.Context, due []models.MailMessage) (int, error) {
	failures := make([]error, len(due))
	next := make(chan int)
	var senders sync.WaitGroup
	for range min(w.concurrency(), len(due)) {
		senders.Go(func() {
			for i := range next {
				m := due[i]
				sendCtx, cancel := context.WithTimeout(ctx, sendTimeout)
				failures[i] = w.Sender.Send(sendCtx, Message{ID: m.ID, To: m.ToAddress, Subject: m.Subject, Body: m.BodyText})
				cancel()
			}
		})
	}
	for i := range due {
		next <- i
	}
	close(next)
	senders.Wait()

	now := w.Clock.Now()
	var delivered []string
	for i, m := range due {
		if failures[i] == nil {
			delivered = append(delivered, m.ID)
		}
	}
	if err := models.MarkMailsSent(ctx, w.DB, delivered, now); err != nil {
		return 0, err
	}
	for i, m := range due {
		if failures[i] == nil {
			continue
		}
		w.Log.Warn("mail not delivered; will retry", "mail_id", m.ID, "attempt", m.Attempts, "error", failures[i])
		if err := models.MarkMailFailed(ctx, w.DB, m, failures[i].Error(), now); err != nil {
			return len(delivered), err
		}
	}
	return len(delivered), nil
}
