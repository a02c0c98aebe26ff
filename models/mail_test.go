package models_test

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
	for i := range queued {
		require.NoError(t, models.EnqueueMail(ctx, db.DB, "r"+strconv.Itoa(i)+"@example.eu", "Receipt", "Thanks", now))
	}

	var mu sync.Mutex
	seen := map[string]int{}
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			for {
				batch, err := models.ClaimDueMail(ctx, db.DB, 40, 2*time.Minute, now)
				if !assert.NoError(t, err) || len(batch) == 0 {
					return
				}
				mu.Lock()
				for _, m := range batch {
					seen[m.ID]++
					assert.Equal(t, 1, m.Attempts, "the claim counts the attempt")
					assert.Equal(t, "Receipt", m.Subject, "the claim returns the whole mail")
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	assert.Len(t, seen, queued, "every due mail claimed")
	for id, n := range seen {
		assert.Equal(t, 1, n, "mail %s claimed more than once", id)
	}

	again, err := models.ClaimDueMail(ctx, db.DB, 40, 2*time.Minute, now.Add(time.Minute))
	require.NoError(t, err)
	assert.Empty(t, again, "claims hold within the lease")
	lapsed, err := models.ClaimDueMail(ctx, db.DB, queued, 2*time.Minute, now.Add(3*time.Minute))
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
	rest, err := models.ClaimDueMail(ctx, db.DB, queued, 2*time.Minute, now.Add(time.Hour))
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
	for i := range queued {
		require.NoError(t, models.EnqueueMail(ctx, db.DB, "r"+strconv.Itoa(i)+"@example.eu", "Receipt", "Thanks", now))
	}
	var ids []string
	require.NoError(t, db.Model(&models.MailMessage{}).Pluck("id", &ids).Error)

	var mu sync.Mutex
	seen := map[string]int{}
	record := func(batch []models.MailMessage) {
		mu.Lock()
		defer mu.Unlock()
		for _, m := range batch {
			seen[m.ID]++
		}
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			if w%2 == 0 {
				batch, err := models.ClaimMail(ctx, db.DB, ids, 2*time.Minute, now)
				assert.NoError(t, err)
				record(batch)
				return
			}
			for {
				batch, err := models.ClaimDueMail(ctx, db.DB, 16, 2*time.Minute, now)
				if !assert.NoError(t, err) || len(batch) == 0 {
					return
				}
				record(batch)
			}
		})
	}
	wg.Wait()
	assert.Len(t, seen, queued, "every mail claimed")
	for id, n := range seen {
		assert.Equal(t, 1, n, "mail %s claimed more than once", id)
	}

	require.NoError(t, models.MarkMailsSent(ctx, db.DB, ids, now))
	later := now.Add(time.Hour)
	require.NoError(t, models.EnqueueMail(ctx, db.DB, "later@example.eu", "Later", "Thanks", later))
	var laterID string
	require.NoError(t, db.Model(&models.MailMessage{}).Where("subject = ?", "Later").Pluck("id", &laterID).Error)
	none, err := models.ClaimMail(ctx, db.DB, append([]string{laterID}, ids...), 2*time.Minute, now.Add(3*time.Minute))
	require.NoError(t, err)
	assert.Empty(t, none, "neither a mail not due yet nor a sent one is claimed by id")
}
