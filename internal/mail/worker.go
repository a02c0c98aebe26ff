package mail

import (
	"context"
	"log/slog"
	"time"

	"gorm.io/gorm"

	"consult/internal/clock"
	"consult/models"
)

// Worker sends due mails from the outbox.
type Worker struct {
	DB       *gorm.DB
	Sender   Sender
	Clock    clock.Clock
	Log      *slog.Logger
	Interval time.Duration
}

// Run sends due mails every Interval until ctx ends, and prunes old rate-limit windows hourly.
func (w *Worker) Run(ctx context.Context) {
	t := time.NewTicker(w.Interval)
	defer t.Stop()
	lastPrune := time.Time{}
	for {
		if _, err := w.RunOnce(ctx); err != nil && ctx.Err() == nil {
			w.Log.Warn("mail outbox", "error", err)
		}
		if now := w.Clock.Now(); now.Sub(lastPrune) > time.Hour {
			if err := models.PruneRateCounters(ctx, w.DB, now.Add(-24*time.Hour)); err == nil {
				lastPrune = now
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunOnce sends the mails due now and returns how many were delivered.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	due, err := models.ClaimDueMail(ctx, w.DB, 50, 2*time.Minute, w.Clock.Now())
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, m := range due {
		sendCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := w.Sender.Send(sendCtx, Message{ID: m.ID, To: m.ToAddress, Subject: m.Subject, Body: m.BodyText})
		cancel()
		now := w.Clock.Now()
		if err != nil {
			w.Log.Warn("mail not delivered; will retry", "mail_id", m.ID, "attempt", m.Attempts, "error", err)
			if err := models.MarkMailFailed(ctx, w.DB, m, err.Error(), now); err != nil {
				return sent, err
			}
			continue
		}
		if err := models.MarkMailSent(ctx, w.DB, m.ID, now); err != nil {
			return sent, err
		}
		sent++
	}
	return sent, nil
}
