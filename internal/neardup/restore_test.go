package neardup

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// borderline returns n crafted signatures around the threshold of each other, so that many
// items match no one when they arrive and are brought in later as stragglers: at each position
// a value is one of three, the first more likely (two items agree at 44% of positions on
// average), mixed with one item in four that shares nothing.
func borderline(seed uint64, n int) []Item {
	rng := rand.New(rand.NewPCG(seed, 1))
	out := make([]Item, n)
	for k := range out {
		unique := k%4 == 3
		out[k] = Item{ID: fmt.Sprintf("i%05d", k), Sig: crafted(func(i int) uint32 {
			if unique {
				return uint32(1_000_000 + k*128 + i) //nolint:gosec // small test values
			}
			v := uint32(0)
			if r := rng.IntN(10); r >= 6 {
				v = uint32(1 + r%2) //nolint:gosec // 1 or 2
			}
			return uint32(i)*10 + v //nolint:gosec // small test values
		})}
	}
	return out
}

// snapshot is everything an index decides with, in a form that does not depend on how it is
// laid out in memory.
func (ix *Index) snapshot() map[string]any {
	bands := make([]map[uint64][]string, len(ix.buckets.byBand))
	for band, m := range ix.buckets.byBand {
		bands[band] = map[uint64][]string{}
		for key := range m {
			for _, rep := range ix.buckets.reps(ix, band, key) {
				var items []int32
				for _, m := range ix.buckets.all(band, key) {
					if ix.group[m] == rep {
						items = append(items, m)
					}
				}
				bands[band][key] = append(bands[band][key], fmt.Sprint(rep, items))
			}
			slices.Sort(bands[band][key])
		}
	}
	sigs := make([][]uint32, len(ix.ids))
	for n := range sigs {
		if !ix.sigs.empty(int32(n)) { //nolint:gosec // test sizes
			sigs[n] = ix.sigs.get(int32(n)) //nolint:gosec // test sizes
		}
	}
	return map[string]any{"ids": ix.ids, "pos": ix.pos, "group": ix.group, "members": maps.Clone(ix.members),
		"sigs": sigs, "buckets": bands, "pending": len(ix.pending)}
}

// TestRestoreRebuildsWhatAssignBuilt: an index restored from the stored assignments, in the
// order they were made, is the index that made them, and assigns further items as it does.
func TestRestoreRebuildsWhatAssignBuilt(t *testing.T) {
	cfg := DefaultConfig()
	corpora := map[string][]Item{"borderline": borderline(1, 3000)}
	for name, items := range map[string][]labelled{"campaign": consultation(3, 1000, 300), "big": bigConsultation(3000)} {
		for _, it := range items {
			corpora[name] = append(corpora[name], Item{ID: it.id, Sig: sign(cfg, it.text)})
		}
	}
	for name, items := range corpora {
		t.Run(name, func(t *testing.T) {
			live := newIndex(t)
			split := len(items) * 2 / 3
			stored := map[string]string{}
			stragglers := 0
			for _, it := range items[:split] {
				a := live.Assign(it.ID, it.Sig)
				stored[it.ID] = a.ClusterID
				for _, s := range a.Also {
					stored[s] = a.ClusterID
				}
				if len(a.Also) > 1 || (len(a.Also) == 1 && a.Also[0] != a.ClusterID) {
					stragglers++
				}
			}
			t.Logf("%d items, %d clusters, %d arrivals brought stragglers in", split, len(live.Clusters()), stragglers)
			require.NotEmpty(t, live.Clusters())

			restored := newIndex(t)
			for batch := range slices.Chunk(items[:split], 100) {
				var rows []Stored
				for _, it := range batch {
					back, err := ParseSignature(it.Sig.Bytes())
					require.NoError(t, err)
					rows = append(rows, Stored{ID: it.ID, Sig: back, ClusterID: stored[it.ID]})
				}
				restored.Restore(rows)
			}
			require.Equal(t, live.snapshot(), restored.snapshot())

			for _, it := range items[split:] {
				require.Equal(t, live.Assign(it.ID, it.Sig), restored.Assign(it.ID, it.Sig), it.ID)
			}
			assert.Equal(t, live.Clusters(), restored.Clusters())
			checkBucketSizes(t, live)
			checkBucketSizes(t, restored)
		})
	}
}

// checkBucketSizes checks that every bucket counts right how many items of each of its groups it
// holds.
func checkBucketSizes(t *testing.T, ix *Index) {
	t.Helper()
	for _, m := range ix.buckets.byBand {
		for _, v := range m {
			if v >= 0 {
				continue
			}
			bk := ix.buckets.multi[^v]
			require.Len(t, bk.sizes, len(bk.reps))
			for i, rep := range bk.reps {
				n := 0
				for _, item := range bk.items {
					if ix.group[item] == rep {
						n++
					}
				}
				require.EqualValues(t, n, bk.sizes[i], "group %d", rep)
			}
		}
	}
}

// TestRestoreFollowsWhatIsStored: assignments stored under another threshold are taken as they
// are, and the next item is assigned against them.
func TestRestoreFollowsWhatIsStored(t *testing.T) {
	rep := crafted(func(i int) uint32 { return 1000 + uint32(i) }) //nolint:gosec // small test values
	far := agree(rep, 0, 20, 5000)                                 // 0.16 similar: no cluster at 0.5
	ix := newIndex(t)
	ix.Restore([]Stored{{ID: "rep", Sig: rep, ClusterID: "rep"}, {ID: "far", Sig: far, ClusterID: "rep"}, {ID: "x", Sig: Signature{}}})
	a := ix.Assign("copy", rep)
	assert.Equal(t, Assignment{ClusterID: "rep"}, a)
	assert.Equal(t, []string{"rep", "far", "copy"}, ix.Members("rep"))
}
