package models_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/internal/neardup"
	"consult/models"
)

// TestClustersFollowTheGroupingTheyAreGiven: the similarity threshold is a value passed in
// (CONSULT_CLUSTER_SIMILARITY reaches it through the server), not a global.
func TestClustersFollowTheGroupingTheyAreGiven(t *testing.T) {
	t.Parallel()
	f := newClusterFixture(t, 3, models.CommentSubmitted)
	clusters, err := models.ClustersOf(context.Background(), f.db, f.clusters, f.consultationID)
	require.NoError(t, err)
	require.Len(t, clusters, 1, "the signed letters are one campaign at the default threshold")
	assert.Equal(t, 3, clusters[0].Size)

	exact := neardup.DefaultConfig()
	exact.Threshold = 1
	f = newClusterFixture(t, 3, models.CommentSubmitted)
	clusters, err = models.ClustersOf(context.Background(), f.db, models.NewClusterer(f.db, exact, slog.Default()), f.consultationID)
	require.NoError(t, err)
	assert.Empty(t, clusters, "letters that differ in their signature are not identical")
}

// TestClusterersShareTheirAssignments: two server processes (two Clusterers on one database) take
// turns; each replays what the other stored before it assigns more, so together they give what
// one alone gives, and every comment is assigned once.
func TestClusterersShareTheirAssignments(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newClusterFixture(t, 4, models.CommentSubmitted)
	one := models.NewClusterer(f.db, neardup.DefaultConfig(), slog.Default())
	other := models.NewClusterer(f.db, neardup.DefaultConfig(), slog.Default())
	require.NoError(t, one.CatchUp(ctx, f.consultationID))

	for i, turn := range []*models.Clusterer{other, one, other} {
		f.add(t, 3, models.CommentSubmitted)
		clusters, err := models.ClustersOf(ctx, f.db, turn, f.consultationID)
		require.NoError(t, err)
		require.Len(t, clusters, 1, "turn %d", i)
		assert.Equal(t, len(f.members), clusters[0].Size, "turn %d", i)
		assert.Equal(t, f.members, clusters[0].Members, "turn %d: members in arrival order, the first leading", i)
	}
	var seqs []int64
	require.NoError(t, f.db.Model(&models.CommentCluster{}).Where("consultation_id = ?", f.consultationID).Order("cluster_seq").Pluck("cluster_seq", &seqs).Error)
	for i, seq := range seqs {
		assert.Equal(t, int64(i+1), seq, "each comment is assigned once, in turn")
	}
}
