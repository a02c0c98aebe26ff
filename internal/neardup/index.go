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
	sigs    sigStore         // arrival number -> MinHash values
	group   []int32          // arrival number -> arrival number of its group's representative
	members map[int32][]int32
	leads   []bool // arrival number -> it represents a cluster (members has it)
	buckets buckets
	pending map[int32]string // restored items in no cluster yet whose stored cluster is this id
	waiting map[string]int   // stored cluster id -> how many items of pending wait for it
	ordered []int32          // the representatives of clusters, in arrival order

	// Scratch marks for one search, so that it allocates nothing: mark[n] == stamp means that
	// item n was already seen by the current search.
	mark  []uint32
	stamp uint32
	cands []int64
}

// NewIndex returns an empty index for cfg.
func NewIndex(cfg Config) (*Index, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	b, r := cfg.BandsRows()
	return &Index{
		cfg:     cfg,
		bands:   b,
		rows:    r,
		floor:   cfg.Threshold / 2,
		pos:     make(map[string]int32),
		sigs:    sigStore{width: cfg.NumHashes},
		members: make(map[int32][]int32),
		buckets: newBuckets(b),
		pending: make(map[int32]string),
		waiting: make(map[string]int),
	}, nil
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
	ix.settlePending()
	if n, ok := ix.pos[id]; ok {
		c, _ := ix.clusterOfLocked(n)
		return Assignment{ClusterID: c}
	}
	n, mins := ix.add(id, sig)
	if mins == nil {
		return Assignment{}
	}
	keys := ix.bandKeys(mins)
	candidates := ix.candidates(keys)
	best := ix.bestGroup(mins, keys, candidates)
	if best < 0 {
		ix.buckets.index(ix, keys, n, n)
		return Assignment{}
	}
	also := ix.settle(n, mins, keys, best, candidates, nil)
	a := Assignment{ClusterID: ix.ids[best]}
	for _, m := range also {
		a.Also = append(a.Also, ix.ids[m])
	}
	return a
}

// add records a new item and returns its arrival number and its values, nil when its signature
// is empty or incompatible (it then never matches and is not indexed).
func (ix *Index) add(id string, sig Signature) (int32, []uint32) {
	n := int32(len(ix.ids)) //nolint:gosec // an index holds one consultation's comments, far below 2^31
	ix.ids = append(ix.ids, id)
	ix.pos[id] = n
	ix.group = append(ix.group, n)
	ix.mark = append(ix.mark, 0)
	ix.leads = append(ix.leads, false)
	if sig.Empty() || !sig.compatible(ix.cfg) {
		ix.sigs.add(nil)
		return n, nil
	}
	return n, ix.sigs.add(sig.mins)
}

// settle puts item n into the group of best and brings in the earlier stragglers among the
// candidates: singletons near-identical to n and within the drift bound of the representative
// (restricted to those admit accepts, if admit is not nil). It returns the earlier items that
// entered the cluster, in arrival order.
func (ix *Index) settle(n int32, mins []uint32, keys []uint64, best int32, candidates []int32, admit func(int32) bool) []int32 {
	var also []int32
	if !ix.leads[best] {
		ix.lead(best)
		also = append(also, best)
	}
	ix.join(n, best, keys)
	for _, s := range candidates {
		if s != best && ix.isSingleton(s) && (admit == nil || admit(s)) &&
			similarity(mins, ix.sigs.get(s)) >= ix.cfg.Threshold &&
			similarity(ix.sigs.get(s), ix.sigs.get(best)) >= ix.floor {
			sKeys := ix.bandKeys(ix.sigs.get(s))
			ix.buckets.unindex(sKeys, s)
			ix.join(s, best, sKeys)
			also = append(also, s)
		}
	}
	slices.Sort(also)
	return also
}

// join puts item n, whose band keys are keys, into the group represented by rep.
func (ix *Index) join(n, rep int32, keys []uint64) {
	ix.group[n] = rep
	ms := ix.members[rep]
	i, _ := slices.BinarySearch(ms, n)
	ix.members[rep] = slices.Insert(ms, i, n)
	ix.buckets.index(ix, keys, rep, n)
}

// lead makes singleton rep the representative of a new cluster.
func (ix *Index) lead(rep int32) {
	ix.members[rep] = []int32{rep}
	ix.leads[rep] = true
	i, _ := slices.BinarySearch(ix.ordered, rep)
	ix.ordered = slices.Insert(ix.ordered, i, rep)
}

func (ix *Index) isSingleton(n int32) bool {
	return ix.group[n] == n && !ix.leads[n]
}

// Bounds on the work of one Assign, so that the time per item stays flat however many items share
// band values (a template's boilerplate puts thousands of distinct comments in the same buckets):
// at most maxCandidates groups are compared (clusters first, oldest first), at most
// maxMemberChecks members of a group, and a bucket indexes at most maxBucketGroups groups (an item
// whose band value is that common is not indexed under it; its other bands still are) and
// maxBucketItems items of one group.
const (
	maxCandidates   = 64
	maxMemberChecks = 64
	maxBucketGroups = 256
)

// nextStamp starts a search over the marks.
func (ix *Index) nextStamp() uint32 {
	ix.stamp++
	if ix.stamp == 0 {
		clear(ix.mark)
		ix.stamp = 1
	}
	return ix.stamp
}

// candidates lists the distinct representatives of the groups that share a band with keys,
// clusters first, each part in arrival order, at most maxCandidates of them. The result is
// valid until the next call.
func (ix *Index) candidates(keys []uint64) []int32 {
	stamp := ix.nextStamp()
	// Sort key: singletons after clusters, then arrival number.
	sortKeys := ix.cands[:0]
	for band, key := range keys {
		for _, rep := range ix.buckets.reps(ix, band, key) {
			if ix.mark[rep] != stamp {
				ix.mark[rep] = stamp
				k := int64(rep)
				if !ix.leads[rep] {
					k |= 1 << 32
				}
				sortKeys = append(sortKeys, k)
			}
		}
	}
	ix.cands = sortKeys
	sortKeys = smallest(sortKeys, maxCandidates)
	reps := make([]int32, len(sortKeys))
	for i, k := range sortKeys {
		reps[i] = int32(k) //nolint:gosec // the low 32 bits hold the arrival number
	}
	return reps
}

// bestGroup returns the representative of the group the item should join, or -1: the first
// candidate (the oldest cluster, else the oldest singleton) that the item is near-identical to.
func (ix *Index) bestGroup(mins []uint32, keys []uint64, candidates []int32) int32 {
	for _, rep := range candidates {
		if ix.nearIdentical(mins, keys, rep) {
			return rep
		}
	}
	return -1
}

// nearIdentical reports whether the item is near-identical to the group of rep.
func (ix *Index) nearIdentical(mins []uint32, keys []uint64, rep int32) bool {
	sim := similarity(mins, ix.sigs.get(rep))
	return sim >= ix.cfg.Threshold || (sim >= ix.floor && ix.matchesMember(mins, keys, rep))
}

// matchesMember reports whether a member of rep's group that shares a band with the item has
// a similarity of at least the threshold with it.
func (ix *Index) matchesMember(mins []uint32, keys []uint64, rep int32) bool {
	stamp := ix.nextStamp()
	checked := 0
	for band, key := range keys {
		for _, m := range ix.buckets.all(band, key) {
			if m == rep || ix.group[m] != rep || ix.mark[m] == stamp {
				continue
			}
			if checked >= maxMemberChecks {
				return false
			}
			ix.mark[m] = stamp
			checked++
			if similarity(mins, ix.sigs.get(m)) >= ix.cfg.Threshold {
				return true
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

// similarity is Signature.Similarity on values of equal, non-zero length.
func similarity(a, b []uint32) float64 {
	b = b[:len(a)]
	same := 0
	for i, v := range a {
		if v == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}

// smallest moves the k smallest values of xs to its front, sorted, and returns them.
func smallest(xs []int64, k int) []int64 {
	if len(xs) <= k {
		slices.Sort(xs)
		return xs
	}
	// xs[:k] is a max-heap of the k smallest seen so far.
	top := xs[:k]
	for i := k/2 - 1; i >= 0; i-- {
		siftDown(top, i)
	}
	for _, x := range xs[k:] {
		if x < top[0] {
			top[0] = x
			siftDown(top, 0)
		}
	}
	slices.Sort(top)
	return top
}

// siftDown restores the max-heap order of h below i.
func siftDown(h []int64, i int) {
	for {
		c := 2*i + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && h[c+1] > h[c] {
			c++
		}
		if h[i] >= h[c] {
			return
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
}
