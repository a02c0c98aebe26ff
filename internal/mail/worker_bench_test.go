package mail_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"consult/internal/clock"
	"consult/internal/mail"
	"consult/internal/testutil"
	"consult/models"
)

// BenchmarkOutboxThroughMailpit queues 2,000 receipt-sized mails and drains the outbox through a
// real SMTP server (Mailpit), reporting mails per second. Run it with -benchtime=1x; set
// CONSULT_TEST_DATABASE_URL to measure on PostgreSQL.
func BenchmarkOutboxThroughMailpit(b *testing.B) {
	const queued = 2000
	mp := testutil.StartMailpit(b)
	sender, err := mail.NewSMTP("smtp://"+mp.SMTPAddr, from)
	require.NoError(b, err)
	for range b.N {
		b.StopTimer()
		db := testutil.NewDB(b)
		clk := clock.NewManual(time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC))
		body := "Thank you for your comment on the MSS draft. Your receipt number is "
		for i := range queued {
			enqueue(b, db.DB, "reader"+strconv.Itoa(i)+"@example.eu", "Your comment was received", body+strconv.Itoa(i), clk.Now())
		}
		w := &mail.Worker{DB: db.DB, Sender: sender, Clock: clk, Log: quiet, Interval: time.Second}
		b.StartTimer()
		start := time.Now()
		sent := 0
		for sent < queued {
			n, err := w.RunOnce(context.Background())
			require.NoError(b, err)
			require.NotZero(b, n, "the outbox stalled with %d of %d sent", sent, queued)
			sent += n
		}
		b.ReportMetric(float64(queued)/time.Since(start).Seconds(), "mails/s")
		var pending int64
		require.NoError(b, db.Model(&models.MailMessage{}).Where("status <> ?", models.MailSent).Count(&pending).Error)
		require.Zero(b, pending)
	}
}
