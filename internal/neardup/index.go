package neardup

import (
	"fmt"
	"slices"
	"sync"
)

// Item is a stored signature with the id of its comment, as given to Load.
type Item struct {
	ID  string
	Sig Signature
}

// Index groups signatures into clusters as they arrive. Every item starts as a group of its
// own whose representative is itself; groups of one are not clusters. An arriving item is
// near-identical to a group when its estimated similarity is at least Config.Threshold with
// the representative, or with a member and at least Threshold/2 with the representative (the
// drift bound: no chain of small edits can carry a cluster further than that from its first
// text). It joins the oldest cluster it is near-identical to, else the oldest singleton; it
// also brings into that cluster any earlier singleton it is near-identical to that is within
// the drift bound. Clusters never merge or split and representatives never change, so the
// result depends only on the arrival order. An Index is safe for concurrent use.
type Index struct {
	cfg   Config
	bands int
	rows  int
	floor float64 // drift bound: minimum similarity with the representative

	mu      sync.RWMutex
	ids     []string         // by arrival number
	pos     map[string]int32 // id -> arrival number
	sigs    [][]uint32       // arrival number -> MinHash values (nil when empty or incompatible)
	group   []int32          // arrival number -> arrival number of its group's representative
	members map[int32][]int32
	buckets []map[uint64]*bucket // per band: band hash -> items sharing that band
}

// bucket holds the items that share one band value, grouped by representative so that the
// candidate groups of a new item can be listed without walking every member of a large cluster.
type bucket struct {
	reps  []int32   // distinct representatives, in first-seen order
	items [][]int32 // items[i]: the items of group reps[i] in this bucket
}

// NewIndex returns an empty index for cfg.
func NewIndex(cfg Config) (*Index, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	b, r := cfg.BandsRows()
	ix := &Index{
		cfg:     cfg,
		bands:   b,
		rows:    r,
		floor:   cfg.Threshold / 2,
		pos:     make(map[string]int32),
		members: make(map[int32][]int32),
		buckets: make([]map[uint64]*bucket, b),
	}
	for i := range ix.buckets {
		ix.buckets[i] = make(map[uint64]*bucket)
	}
	return ix, nil
}

// Config returns the index's configuration.
func (ix *Index) Config() Config { return ix.cfg }

// Sign computes the signature of text under the index's configuration.
func (ix *Index) Sign(text string) Signature { return sign(ix.cfg, text) }

// Compatible reports whether sig was computed with this index's ShingleSize and NumHashes.
func (ix *Index) Compatible(sig Signature) bool { return sig.compatible(ix.cfg) }

// Add records the item id with signature sig and returns the cluster it belongs to. joined is
// true when the item is in a cluster; clusterID is then the id of the cluster's first member
// (its representative). Otherwise clusterID is "" and the item may join, or represent, a
// cluster later. Adding a known id again changes nothing and reports its current cluster.
// Add may also bring earlier items into the cluster (see Assign): a caller that stores
// cluster ids should use Assign, or mark every id in Members(clusterID) after a join.
func (ix *Index) Add(id string, sig Signature) (clusterID string, joined bool) {
	a := ix.Assign(id, sig)
	return a.ClusterID, a.ClusterID != ""
}

// Assignment is the outcome of Index.Assign.
type Assignment struct {
	// ClusterID is the cluster the added item belongs to, "" if none.
	ClusterID string
	// Also lists, in arrival order, the earlier items that entered ClusterID with this
	// addition: the representative when the cluster has just formed, and earlier items in no
	// cluster that are near-identical to the added one (they failed to match when they arrived,
	// typically because the cluster did not exist yet). Items never leave a cluster.
	Also []string
}

// Assign is Add with the full outcome: a caller that stores cluster ids sets ClusterID on the
// added item and on every id in Also. Empty and incompatible signatures (see Compatible) never
// match; Load rejects the latter.
func (ix *Index) Assign(id string, sig Signature) Assignment {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if n, ok := ix.pos[id]; ok {
		c, _ := ix.clusterOfLocked(n)
		return Assignment{ClusterID: c}
	}
	n := int32(len(ix.ids)) //nolint:gosec // an index holds one consultation's comments, far below 2^31
	ix.ids = append(ix.ids, id)
	ix.pos[id] = n
	ix.group = append(ix.group, n)
	if sig.Empty() || !sig.compatible(ix.cfg) {
		ix.sigs = append(ix.sigs, nil)
		return Assignment{}
	}
	ix.sigs = append(ix.sigs, sig.mins)

	keys := ix.bandKeys(sig.mins)
	candidates := ix.candidates(keys)
	best := ix.bestGroup(sig.mins, keys, candidates)
	if best < 0 {
		ix.index(keys, n, n)
		return Assignment{}
	}
	var also []int32
	if len(ix.members[best]) == 0 {
		ix.members[best] = []int32{best}
		also = append(also, best)
	}
	ix.join(n, best, keys)
	// Earlier stragglers: singletons near-identical to the new member and within the drift
	// bound of the representative.
	for _, s := range candidates {
		if s != best && ix.isSingleton(s) &&
			similarity(sig.mins, ix.sigs[s]) >= ix.cfg.Threshold &&
			similarity(ix.sigs[s], ix.sigs[best]) >= ix.floor {
			sKeys := ix.bandKeys(ix.sigs[s])
			ix.unindex(sKeys, s)
			ix.join(s, best, sKeys)
			also = append(also, s)
		}
	}
	slices.Sort(also)
	a := Assignment{ClusterID: ix.ids[best]}
	for _, m := range also {
		a.Also = append(a.Also, ix.ids[m])
	}
	return a
}

// join puts item n, whose band keys are keys, into the group represented by rep.
func (ix *Index) join(n, rep int32, keys []uint64) {
	ix.group[n] = rep
	ms := ix.members[rep]
	i, _ := slices.BinarySearch(ms, n)
	ix.members[rep] = slices.Insert(ms, i, n)
	ix.index(keys, rep, n)
}

func (ix *Index) isSingleton(n int32) bool {
	return ix.group[n] == n && len(ix.members[n]) == 0
}

// Bounds on the work of one Assign, so that the time per item stays flat however many items share
// band values (a template's boilerplate puts thousands of distinct comments in the same buckets):
// at most maxCandidates groups are compared (clusters first, oldest first), at most
// maxMemberChecks members of a group, and a bucket indexes at most maxBucketGroups groups (an item
// whose band value is that common is not indexed under it; its other bands still are).
const (
	maxCandidates   = 64
	maxMemberChecks = 64
	maxBucketGroups = 256
)

// candidates lists the distinct representatives of the groups that share a band with keys,
// clusters first, each part in arrival order, at most maxCandidates of them.
func (ix *Index) candidates(keys []uint64) []int32 {
	seen := map[int32]bool{}
	var reps []int32
	for band, key := range keys {
		if bk := ix.buckets[band][key]; bk != nil {
			for _, rep := range bk.reps {
				if !seen[rep] {
					seen[rep] = true
					reps = append(reps, rep)
				}
			}
		}
	}
	slices.SortFunc(reps, func(a, b int32) int {
		if sa, sb := ix.isSingleton(a), ix.isSingleton(b); sa != sb {
			if sa {
				return 1
			}
			return -1
		}
		return int(a - b)
	})
	return reps[:min(len(reps), maxCandidates)]
}

// bestGroup returns the representative of the group the item should join, or -1: the first
// candidate (the oldest cluster, else the oldest singleton) that the item is near-identical to.
func (ix *Index) bestGroup(mins []uint32, keys []uint64, candidates []int32) int32 {
	for _, rep := range candidates {
		sim := similarity(mins, ix.sigs[rep])
		if sim >= ix.cfg.Threshold || (sim >= ix.floor && ix.matchesMember(mins, keys, rep)) {
			return rep
		}
	}
	return -1
}

// matchesMember reports whether a member of rep's group that shares a band with the item has
// a similarity of at least the threshold with it.
func (ix *Index) matchesMember(mins []uint32, keys []uint64, rep int32) bool {
	checked := make(map[int32]bool)
	for band, key := range keys {
		bk := ix.buckets[band][key]
		if bk == nil {
			continue
		}
		for i, r := range bk.reps {
			if r != rep {
				continue
			}
			for _, m := range bk.items[i] {
				if m == rep || checked[m] {
					continue
				}
				if len(checked) >= maxMemberChecks {
					return false
				}
				checked[m] = true
				if similarity(mins, ix.sigs[m]) >= ix.cfg.Threshold {
					return true
				}
			}
		}
	}
	return false
}

// Load adds items in the order given (their arrival order), after checking that every
// signature is compatible with the index. Loading the stored signatures of a consultation in
// arrival order into a fresh index reproduces the clusters that Add computed.
func (ix *Index) Load(items []Item) error {
	for _, it := range items {
		if !ix.Compatible(it.Sig) {
			return fmt.Errorf("neardup: signature of %q has shingle size %d and %d values, index wants %d and %d",
				it.ID, it.Sig.ShingleSize(), it.Sig.Len(), ix.cfg.ShingleSize, ix.cfg.NumHashes)
		}
	}
	for _, it := range items {
		ix.Add(it.ID, it.Sig)
	}
	return nil
}

// bandKeys hashes each band of rows consecutive values, mixing in the band number.
func (ix *Index) bandKeys(mins []uint32) []uint64 {
	keys := make([]uint64, ix.bands)
	for b := range keys {
		h := uint64(b) + fnvOffset
		for _, v := range mins[b*ix.rows : (b+1)*ix.rows] {
			h = mix64(h ^ uint64(v))
		}
		keys[b] = h
	}
	return keys
}

// unindex removes singleton n from the buckets of its band keys.
func (ix *Index) unindex(keys []uint64, n int32) {
	for band, key := range keys {
		bk := ix.buckets[band][key]
		if bk == nil {
			continue // n was not indexed under so common a band value
		}
		if i := slices.Index(bk.reps, n); i >= 0 {
			bk.reps = slices.Delete(bk.reps, i, i+1)
			bk.items = slices.Delete(bk.items, i, i+1)
		}
		if len(bk.reps) == 0 {
			delete(ix.buckets[band], key)
		}
	}
}

// index records item n of group rep under each of its band keys.
func (ix *Index) index(keys []uint64, rep, n int32) {
	for band, key := range keys {
		bk := ix.buckets[band][key]
		if bk == nil {
			bk = &bucket{}
			ix.buckets[band][key] = bk
		}
		i := 0
		for i < len(bk.reps) && bk.reps[i] != rep {
			i++
		}
		if i == len(bk.reps) {
			if i >= maxBucketGroups {
				continue
			}
			bk.reps = append(bk.reps, rep)
			bk.items = append(bk.items, nil)
		}
		bk.items[i] = append(bk.items[i], n)
	}
}

// similarity is Signature.Similarity on values of equal, non-zero length.
func similarity(a, b []uint32) float64 {
	same := 0
	for i, v := range a {
		if v == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}
