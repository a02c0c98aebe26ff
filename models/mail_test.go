package models_test

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"consult/internal/testutil"
	"consult/models"
)

// TestClaimDueMailNeverHandsOneMailToTwoWorkers: workers claiming batches at once from one outbox
// (two server processes on one database) each get disjoint mails, every due mail is claimed once,
// and a claim holds until its lease lapses.
func TestClaimDueMailNeverHandsOneMailToTwoWorkers(t *testing.T) {
	db := testutil.NewDB(t)
	ctx := context.Background()
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	const queued = 300
	queueReceipts(t, db.DB, queued, now)

	var seen claims
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			for {
				batch, err := models.ClaimDueMail(ctx, db.DB, 40, now, 2*time.Minute, now)
				if !assert.NoError(t, err) || len(batch) == 0 {
					return
				}
				seen.record(batch)
				for _, m := range batch {
					assert.Equal(t, 1, m.Attempts, "the claim counts the attempt")
					assert.Equal(t, "Receipt", m.Subject, "the claim returns the whole mail")
				}
			}
		})
	}
	wg.Wait()
	seen.assertEachOnce(t, queued)

	again, err := models.ClaimDueMail(ctx, db.DB, 40, now.Add(time.Minute), 2*time.Minute, now.Add(time.Minute))
	require.NoError(t, err)
	assert.Empty(t, again, "claims hold within the lease")
	lapsed, err := models.ClaimDueMail(ctx, db.DB, queued, now.Add(3*time.Minute), 2*time.Minute, now.Add(3*time.Minute))
	require.NoError(t, err)
	assert.Len(t, lapsed, queued, "a lapsed claim (a worker that died) is taken again")

	ids := make([]string, 0, len(lapsed))
	for _, m := range lapsed {
		ids = append(ids, m.ID)
	}
	require.NoError(t, models.MarkMailsSent(ctx, db.DB, ids, now.Add(3*time.Minute)))
	var sent int64
	require.NoError(t, db.Model(&models.MailMessage{}).Where("status = ? AND sent_at IS NOT NULL AND locked_until IS NULL", models.MailSent).Count(&sent).Error)
	assert.Equal(t, int64(queued), sent)
	rest, err := models.ClaimDueMail(ctx, db.DB, queued, now.Add(time.Hour), 2*time.Minute, now.Add(time.Hour))
	require.NoError(t, err)
	assert.Empty(t, rest, "sent mails are never claimed")
}

// TestClaimByIDRacesTheSweepSafely: a worker claiming handed-over mails by id and others sweeping
// the outbox at the same time never take one mail twice; a claim by id takes neither a mail that
// is not due yet nor one already sent.
func TestClaimByIDRacesTheSweepSafely(t *testing.T) {
	db := testutil.NewDB(t)
	ctx := context.Background()
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	const queued = 200
	queueReceipts(t, db.DB, queued, now)
	var ids []string
	require.NoError(t, db.Model(&models.MailMessage{}).Pluck("id", &ids).Error)

	var seen claims
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			if w%2 == 0 {
				batch, err := models.ClaimMail(ctx, db.DB, ids, 2*time.Minute, now)
				assert.NoError(t, err)
				seen.record(batch)
				return
			}
			for {
				batch, err := models.ClaimDueMail(ctx, db.DB, 16, now, 2*time.Minute, now)
				if !assert.NoError(t, err) || len(batch) == 0 {
					return
				}
				seen.record(batch)
			}
		})
	}
	wg.Wait()
	seen.assertEachOnce(t, queued)

	require.NoError(t, models.MarkMailsSent(ctx, db.DB, ids, now))
	later := now.Add(time.Hour)
	require.NoError(t, models.EnqueueMail(ctx, db.DB, "later@example.eu", "Later", "Thanks", later))
	var laterID string
	require.NoError(t, db.Model(&models.MailMessage{}).Where("subject = ?", "Later").Pluck("id", &laterID).Error)
	none, err := models.ClaimMail(ctx, db.DB, append([]string{laterID}, ids...), 2*time.Minute, now.Add(3*time.Minute))
	require.NoError(t, err)
	assert.Empty(t, none, "neither a mail not due yet nor a sent one is claimed by id")
}

// queueReceipts puts n receipts, due at now, in the outbox.
func queueReceipts(t *testing.T, db *gorm.DB, n int, now time.Time) {
	t.Helper()
	for i := range n {
		require.NoError(t, models.EnqueueMail(context.Background(), db, "r"+strconv.Itoa(i)+"@example.eu", "Receipt", "Thanks", now))
	}
}

// claims counts how often each mail was claimed, by workers claiming at once.
type claims struct {
	mu   sync.Mutex
	seen map[string]int
}

func (c *claims) record(batch []models.MailMessage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen == nil {
		c.seen = map[string]int{}
	}
	for _, m := range batch {
		c.seen[m.ID]++
	}
}

// assertEachOnce checks that all n mails were claimed, each once.
func (c *claims) assertEachOnce(t *testing.T, n int) {
	t.Helper()
	assert.Len(t, c.seen, n, "every due mail claimed")
	for id, k := range c.seen {
		assert.Equal(t, 1, k, "mail %s claimed more than once", id)
	}
}
