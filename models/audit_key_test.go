package models_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/internal/database"
	"consult/internal/testutil"
	"consult/models"
)

// keyedTrail returns a migrated database whose handle holds key, its URL, and n recorded events.
func keyedTrail(t *testing.T, key string, n int) (*database.DB, string) {
	t.Helper()
	first, url := testutil.NewEmptyDBWithURL(t)
	m, err := first.NewMigrator(false)
	require.NoError(t, err)
	_, err = m.Up(context.Background())
	require.NoError(t, err)
	db := openWithKey(t, url, key)
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	actor := models.NewID()
	for i := range n {
		require.NoError(t, models.RecordAudit(context.Background(), db.DB, models.AuditEntry{ActorID: &actor, Action: "user.access_changed",
			SubjectType: "user", SubjectID: models.NewID(), Before: map[string]any{"i": i}, After: map[string]any{"i": i + 1}}, now.Add(time.Duration(i)*time.Second)))
	}
	return db, url
}

func openWithKey(t *testing.T, url, key string) *database.DB {
	t.Helper()
	db, err := database.Open(url, nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	require.NoError(t, models.UseAuditKey(db.DB, []byte(key)))
	return db
}

var (
	auditKey = strings.Repeat("k", 32)
	otherKey = strings.Repeat("o", 32)
)

// TestAuditChainResistsARewriteWithPlainHashes is the old attack: change an event, then recompute
// every later hash with plain SHA-256 as the chain used to be computed. It no longer verifies.
func TestAuditChainResistsARewriteWithPlainHashes(t *testing.T) {
	ctx := context.Background()
	db, _ := keyedTrail(t, auditKey, 4)
	require.NoError(t, db.Exec(`UPDATE audit_events SET after_json = '{"role":"admin"}' WHERE seq = 2`).Error)
	var events []models.AuditEvent
	require.NoError(t, db.Order("seq").Find(&events).Error)
	prev := events[0].Hash
	for _, e := range events[1:] {
		actor := ""
		if e.ActorID != nil {
			actor = *e.ActorID
		}
		sum := sha256.Sum256([]byte(strings.Join([]string{prev, strconv.FormatInt(e.Seq, 10), e.ID, actor, e.Action, e.SubjectType, e.SubjectID,
			e.BeforeJSON, e.AfterJSON, e.CreatedAt.UTC().Format(time.RFC3339Nano)}, "\x1f")))
		hash := hex.EncodeToString(sum[:])
		require.NoError(t, db.Exec("UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ?", prev, hash, e.Seq).Error)
		prev = hash
	}

	n, err := models.VerifyAudit(ctx, db.DB)
	var brk *models.AuditBreak
	require.ErrorAs(t, err, &brk)
	assert.Equal(t, int64(2), brk.Seq)
	assert.Contains(t, brk.Reason, "without the audit key")
	assert.Equal(t, int64(1), n, "one good event before the rewrite")
}

func TestAuditChainFailsWithAnotherKey(t *testing.T) {
	ctx := context.Background()
	_, url := keyedTrail(t, auditKey, 3)

	n, err := models.VerifyAudit(ctx, openWithKey(t, url, auditKey).DB)
	require.NoError(t, err, "another handle with the same key verifies")
	assert.Equal(t, int64(3), n)

	_, err = models.VerifyAudit(ctx, openWithKey(t, url, otherKey).DB)
	var brk *models.AuditBreak
	require.ErrorAs(t, err, &brk)
	assert.Equal(t, int64(1), brk.Seq)
	assert.Contains(t, brk.Reason, "audit key is not the one")
}

func TestAuditTrailNeedsAKey(t *testing.T) {
	ctx := context.Background()
	_, url := keyedTrail(t, auditKey, 1)
	bare, err := database.Open(url, nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = bare.Close() })

	err = models.RecordAudit(ctx, bare.DB, models.AuditEntry{Action: "scheme.created", SubjectType: "scheme", SubjectID: models.NewID()}, time.Now())
	require.ErrorContains(t, err, "no audit key")
	_, err = models.VerifyAudit(ctx, bare.DB)
	require.ErrorContains(t, err, "no audit key")
	_, err = models.TakeAuditCheckpoint(ctx, bare.DB, time.Now())
	require.ErrorContains(t, err, "no audit key")
	require.ErrorContains(t, models.UseAuditKey(bare.DB, []byte("short")), "at least 32 bytes")
	var n int64
	require.NoError(t, bare.Model(&models.AuditEvent{}).Count(&n).Error)
	assert.Equal(t, int64(1), n, "nothing was written without the key")
}

func TestAuditCheckpointCatchesTruncation(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2027, 3, 2, 9, 0, 0, 0, time.UTC)
	db, url := keyedTrail(t, auditKey, 5)
	cp, err := models.TakeAuditCheckpoint(ctx, db.DB, now)
	require.NoError(t, err)
	assert.Equal(t, int64(5), cp.Events)
	require.NoError(t, models.CheckAuditCheckpoint(ctx, db.DB, cp))

	forged := *cp
	forged.Events = 3
	var cpErr *models.AuditCheckpointError
	require.ErrorAs(t, models.CheckAuditCheckpoint(ctx, db.DB, &forged), &cpErr)
	assert.Contains(t, cpErr.Reason, "not signed with this audit key")
	require.ErrorAs(t, models.CheckAuditCheckpoint(ctx, openWithKey(t, url, otherKey).DB, cp), &cpErr, "a checkpoint under another key")

	require.NoError(t, db.Exec("DELETE FROM audit_events WHERE seq > 3").Error)
	n, err := models.VerifyAudit(ctx, db.DB)
	require.NoError(t, err, "a shorter chain still holds by itself")
	assert.Equal(t, int64(3), n)
	require.ErrorAs(t, models.CheckAuditCheckpoint(ctx, db.DB, cp), &cpErr)
	assert.Equal(t, "audit checkpoint of 2027-03-02T09:00:00Z: the trail has 3 events, the checkpoint recorded 5: events were deleted", cpErr.Error())

	// Appending new events after the cut refills the count but not the recorded head.
	for range 2 {
		require.NoError(t, models.RecordAudit(ctx, db.DB, models.AuditEntry{Action: "scheme.created", SubjectType: "scheme", SubjectID: models.NewID()}, now))
	}
	_, err = models.VerifyAudit(ctx, db.DB)
	require.NoError(t, err)
	require.ErrorAs(t, models.CheckAuditCheckpoint(ctx, db.DB, cp), &cpErr)
	assert.Contains(t, cpErr.Reason, "event 5 is not the one the checkpoint recorded")
}

func TestAuditCheckpointOfAnEmptyTrail(t *testing.T) {
	ctx := context.Background()
	db, _ := keyedTrail(t, auditKey, 0)
	cp, err := models.TakeAuditCheckpoint(ctx, db.DB, time.Now())
	require.NoError(t, err)
	assert.Equal(t, int64(0), cp.Events)
	assert.Empty(t, cp.Head)
	require.NoError(t, models.CheckAuditCheckpoint(ctx, db.DB, cp))
}
