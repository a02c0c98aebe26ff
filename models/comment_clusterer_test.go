package models_test

import (
	"context"
	"encoding/binary"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"consult/internal/neardup"
	"consult/internal/testutil"
	"consult/models"
)

// borderlineSignatures returns n stored signatures around the clustering threshold of each
// other (at each of the 128 positions one of three values, the first more likely), so that
// clusters form late and bring in earlier comments that matched no one when they arrived; one
// in four shares nothing with the others.
func borderlineSignatures(n int) [][]byte {
	rng := rand.New(rand.NewPCG(5, 6))
	out := make([][]byte, n)
	for k := range out {
		sig := []byte{1, 3, 0, 128} // encoding version, shingle size, 128 values
		for i := range 128 {
			v := uint32(i) * 10 //nolint:gosec // small values
			switch {
			case k%4 == 3:
				v = uint32(1_000_000 + k*128 + i) //nolint:gosec // small values
			case rng.IntN(10) >= 6:
				v += uint32(1 + rng.IntN(2)) //nolint:gosec // 1 or 2
			}
			sig = binary.LittleEndian.AppendUint32(sig, v)
		}
		out[k] = sig
	}
	return out
}

// storeComments stores the comments with the given ids and signatures, in arrival order, in a
// consultation with the given id (created with the first comments).
func storeComments(t *testing.T, db *gorm.DB, consultationID string, ids []string, sigs [][]byte, from int) {
	t.Helper()
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	if from == 0 {
		scheme := &models.Scheme{ID: consultationID, Slug: "eucc", Title: "S", CreatedAt: now, UpdatedAt: now}
		doc := &models.Document{ID: consultationID, SchemeID: scheme.ID, Title: "D", VersionLabel: "1.0", CreatedAt: now}
		con := &models.Consultation{ID: consultationID, DocumentID: doc.ID, Title: "C", OpensAt: now, ClosesAt: now.Add(time.Hour), Version: 1, CreatedAt: now, UpdatedAt: now}
		for _, row := range []any{scheme, doc, con} {
			require.NoError(t, db.Create(row).Error)
		}
	}
	for i := from; i < len(ids); i++ {
		c := &models.Comment{ID: ids[i], ConsultationID: consultationID, CommentType: "general", Body: fmt.Sprint("comment ", i),
			Publication: models.PublicNamed, Status: models.CommentSubmitted, TrackingNumber: fmt.Sprintf("T-%d", i), Version: 1,
			Signature: sigs[i], CreatedAt: now.Add(time.Duration(i) * time.Second), UpdatedAt: now}
		require.NoError(t, db.Create(c).Error)
	}
}

// newIDs returns n new ids.
func newIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = models.NewID()
	}
	return ids
}

// clusteredByOneProcess returns a database where the comments were stored in two steps (the
// first before of them, then the rest) and clustered after each by one Clusterer that stayed up.
func clusteredByOneProcess(t *testing.T, consultationID string, ids []string, sigs [][]byte, before int) *gorm.DB {
	t.Helper()
	db := testutil.NewDB(t).DB
	up := models.NewClusterer(db, neardup.DefaultConfig(), slog.Default())
	storeComments(t, db, consultationID, ids[:before], sigs, 0)
	require.NoError(t, up.CatchUp(context.Background(), consultationID))
	storeComments(t, db, consultationID, ids, sigs, before)
	require.NoError(t, up.CatchUp(context.Background(), consultationID))
	return db
}

// storedAssignments lists every comment's stored cluster and turn, in comment id order.
func storedAssignments(t *testing.T, db *gorm.DB) []string {
	t.Helper()
	var rows []struct {
		ID         string
		ClusterID  *string
		ClusterSeq int64
	}
	require.NoError(t, db.Model(&models.CommentCluster{}).Select("comment_id AS id, cluster_id, cluster_seq").Order("comment_id").Scan(&rows).Error)
	out := make([]string, len(rows))
	for i, r := range rows {
		c := ""
		if r.ClusterID != nil {
			c = *r.ClusterID
		}
		out[i] = fmt.Sprint(r.ID, " ", c, " ", r.ClusterSeq)
	}
	return out
}

// TestColdClustererAssignsLikeAWarmOne: a Clusterer that restarts (a cold process) rebuilds its
// index from the stored assignments and then assigns new comments exactly as the process that
// stayed up does, stragglers included.
func TestColdClustererAssignsLikeAWarmOne(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const before, total = 450, 600
	sigs := borderlineSignatures(total)
	consultationID := models.NewID()
	ids := newIDs(total)
	warmDB := clusteredByOneProcess(t, consultationID, ids, sigs, before)

	coldDB := testutil.NewDB(t).DB
	storeComments(t, coldDB, consultationID, ids[:before], sigs, 0)
	require.NoError(t, models.NewClusterer(coldDB, neardup.DefaultConfig(), slog.Default()).CatchUp(ctx, consultationID))
	storeComments(t, coldDB, consultationID, ids, sigs, before)
	require.NoError(t, models.NewClusterer(coldDB, neardup.DefaultConfig(), slog.Default()).CatchUp(ctx, consultationID))

	assert.Equal(t, storedAssignments(t, warmDB), storedAssignments(t, coldDB))
	clusters, err := models.ClustersOf(ctx, coldDB, models.NewClusterer(coldDB, neardup.DefaultConfig(), slog.Default()), consultationID)
	require.NoError(t, err)
	require.NotEmpty(t, clusters)
	var late int
	require.NoError(t, coldDB.Raw(`SELECT COUNT(*) FROM comment_clusters c JOIN comment_clusters r ON r.comment_id = c.cluster_id WHERE c.cluster_seq > ? AND c.cluster_seq < r.cluster_seq`, 0).Scan(&late).Error)
	t.Logf("%d clusters, %d members that arrived before their representative", len(clusters), late)
}

// TestWarmLoadsTheIndexesOfOpenConsultations: a process that warms at start holds the index of
// every open consultation before any comment arrives (closed ones are left out), and then
// assigns new comments as the process that stayed up does.
func TestWarmLoadsTheIndexesOfOpenConsultations(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const before, total = 300, 400
	sigs := borderlineSignatures(total)
	consultationID := models.NewID()
	ids := newIDs(total)
	opens := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC) // storeComments' window: one hour

	upDB := clusteredByOneProcess(t, consultationID, ids, sigs, before)

	db := testutil.NewDB(t).DB
	storeComments(t, db, consultationID, ids[:before], sigs, 0)
	require.NoError(t, models.NewClusterer(db, neardup.DefaultConfig(), slog.Default()).CatchUp(ctx, consultationID))

	afterClose := models.NewClusterer(db, neardup.DefaultConfig(), slog.Default())
	require.NoError(t, afterClose.Warm(ctx, opens.Add(2*time.Hour)))
	assert.Zero(t, afterClose.IndexedComments(), "a closed consultation's index is not loaded")

	restarted := models.NewClusterer(db, neardup.DefaultConfig(), slog.Default())
	require.NoError(t, restarted.Warm(ctx, opens.Add(30*time.Minute)))
	assert.EqualValues(t, before, restarted.IndexedComments())
	storeComments(t, db, consultationID, ids, sigs, before)
	require.NoError(t, restarted.CatchUp(ctx, consultationID))
	assert.EqualValues(t, total, restarted.IndexedComments())
	assert.Equal(t, storedAssignments(t, upDB), storedAssignments(t, db))
}
