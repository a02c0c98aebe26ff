package neardup

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pairs is n choose 2.
func pairs(n int) int { return n * (n - 1) / 2 }

// TestCampaignDetection is the acceptance scenario of the campaign-detection issue: 1,000
// variants of one form letter mixed with 200 distinct comments, added in a shuffled arrival
// order. The campaign must land in one cluster and no distinct comment in any.
func TestCampaignDetection(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3, 24} {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			items := consultation(seed, 1000, 200)
			ix, err := NewIndex(DefaultConfig())
			require.NoError(t, err)

			start := time.Now()
			sigs := make(map[string]Signature, len(items))
			for _, it := range items {
				sig := ix.Sign(it.text)
				sigs[it.id] = sig
				ix.Add(it.id, sig)
			}
			elapsed := time.Since(start)

			campaignByCluster := map[string]int{}
			distinctClustered := 0
			for _, it := range items {
				c, ok := ix.ClusterOf(it.id)
				switch {
				case it.campaign && ok:
					campaignByCluster[c]++
				case !it.campaign && ok:
					distinctClustered++
					t.Errorf("distinct comment %s is in cluster %s", it.id, c)
				}
			}

			// Pairwise cluster membership: a pair is predicted when both are in one cluster and
			// true when both are campaign variants.
			predicted, truePositive := 0, 0
			clusters := ix.Clusters()
			for _, c := range clusters {
				predicted += pairs(c.Size)
				truePositive += pairs(campaignByCluster[c.ID])
			}
			precision := 1.0
			if predicted > 0 {
				precision = float64(truePositive) / float64(predicted)
			}
			recall := float64(truePositive) / float64(pairs(1000))
			t.Logf("%d items signed and clustered in %v: %d clusters, largest %d; precision %.4f, recall %.4f",
				len(items), elapsed.Round(time.Millisecond), len(clusters), clusters[0].Size, precision, recall)
			if seed == 1 { // all pairs: slow under -race, once is enough
				logSimilarities(t, ix, items, sigs)
			}

			require.Len(t, clusters, 1, "the campaign is one cluster and nothing else is clustered")
			assert.Equal(t, 1000, clusters[0].Size)
			assert.Equal(t, 1000, campaignByCluster[clusters[0].ID])
			assert.Zero(t, distinctClustered)
			assert.Equal(t, 1.0, precision)
			assert.GreaterOrEqual(t, recall, 0.99)
			assert.Equal(t, clusters[0].ID, clusters[0].Representative)
		})
	}
}

// logSimilarities reports the margins on either side of the threshold: how far campaign
// variants are from the representative and how close distinct comments come to anything.
func logSimilarities(t *testing.T, ix *Index, items []labelled, sigs map[string]Signature) {
	t.Helper()
	rep := sigs[ix.Clusters()[0].Representative]
	minToRep, maxDistinct := 1.0, 0.0
	var maxPair string
	for _, it := range items {
		sig := sigs[it.id]
		if it.campaign {
			minToRep = min(minToRep, sig.Similarity(rep))
			continue
		}
		for _, other := range items {
			if other.id != it.id {
				if s := sig.Similarity(sigs[other.id]); s > maxDistinct {
					maxDistinct, maxPair = s, it.id+" / "+other.id
				}
			}
		}
	}
	t.Logf("threshold %.2f: campaign variants vs representative >= %.3f; distinct comment vs any other <= %.3f (%s)",
		ix.Config().Threshold, minToRep, maxDistinct, maxPair)
}
