package models_test

import (
	"context"
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
	clusters, err := models.ConsultationClusters(context.Background(), f.db, neardup.DefaultConfig(), f.consultationID)
	require.NoError(t, err)
	require.Len(t, clusters, 1, "the signed letters are one campaign at the default threshold")
	assert.Equal(t, 3, clusters[0].Size)

	exact := neardup.DefaultConfig()
	exact.Threshold = 1
	clusters, err = models.ConsultationClusters(context.Background(), f.db, exact, f.consultationID)
	require.NoError(t, err)
	assert.Empty(t, clusters, "letters that differ in their signature are not identical")
}
