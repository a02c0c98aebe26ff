package neardup

import "slices"

// Stored is an item as a caller stored it after Assign: its signature and the cluster it is in
// ("" for none), as Restore takes it.
type Stored struct {
	ID        string
	Sig       Signature
	ClusterID string
}

// Restore adds items in the order they were assigned, each with the cluster it is stored in, and
// rebuilds the state that Assign built for them without searching for the clusters again: an
// item stored in no cluster, or in its own or a later item's cluster, was alone when it arrived
// and is only indexed. Only an item stored in an earlier item's cluster is checked against that
// cluster, to tell whether it joined when it arrived (and then brought in the same stragglers as
// it did) or was itself brought in later. The index then assigns further items exactly as the
// index that made the stored assignments does. It may be called several times with the next
// items. An item whose stored cluster no later item brought it into (assignments made under
// another Config) is put into that cluster before the next Assign, so that the index follows
// what is stored.
func (ix *Index) Restore(items []Stored) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, it := range items {
		if _, ok := ix.pos[it.ID]; ok {
			continue
		}
		n, mins := ix.add(it.ID, it.Sig)
		c, earlier := ix.pos[it.ClusterID]
		if mins == nil || it.ClusterID == "" || c == n || !earlier {
			if mins != nil {
				ix.buckets.index(ix, ix.bandKeys(mins), n, n)
			}
			if it.ClusterID != "" && c != n {
				ix.addPending(n, it.ClusterID)
			}
			continue
		}
		keys := ix.bandKeys(mins)
		rep := ix.group[c]
		var candidates []int32
		var joined bool
		if ix.waiting[it.ClusterID] == 0 && ix.leads[rep] && ix.leadsBefore(rep) < maxCandidates {
			// Fewer than maxCandidates groups can come before this cluster among the candidates,
			// so it is one of them if it shares a bucket; no straggler waits for it.
			joined = ix.nearIdentical(mins, keys, rep) && ix.shares(keys, rep)
		} else {
			candidates = ix.candidates(keys)
			joined = slices.Contains(candidates, rep) && ix.nearIdentical(mins, keys, rep)
		}
		if !joined {
			ix.buckets.index(ix, keys, n, n)
			ix.addPending(n, it.ClusterID)
			continue
		}
		also := ix.settle(n, mins, keys, rep, candidates, func(s int32) bool { return ix.pending[s] == it.ClusterID })
		for _, s := range also {
			ix.dropPending(s)
		}
	}
}

// leadsBefore returns how many clusters have a representative that arrived before rep.
func (ix *Index) leadsBefore(rep int32) int {
	i, _ := slices.BinarySearch(ix.ordered, rep)
	return i
}

// shares reports whether the group of rep is indexed under one of keys.
func (ix *Index) shares(keys []uint64, rep int32) bool {
	for band, key := range keys {
		if slices.Contains(ix.buckets.reps(ix, band, key), rep) {
			return true
		}
	}
	return false
}

func (ix *Index) addPending(n int32, clusterID string) {
	ix.pending[n] = clusterID
	ix.waiting[clusterID]++
}

func (ix *Index) dropPending(n int32) {
	c := ix.pending[n]
	delete(ix.pending, n)
	if ix.waiting[c]--; ix.waiting[c] == 0 {
		delete(ix.waiting, c)
	}
}

// settlePending puts the restored items that are still waiting into their stored clusters.
func (ix *Index) settlePending() {
	if len(ix.pending) == 0 {
		return
	}
	waiting := make([]int32, 0, len(ix.pending))
	for s := range ix.pending {
		waiting = append(waiting, s)
	}
	slices.Sort(waiting)
	for _, s := range waiting {
		c, ok := ix.pos[ix.pending[s]]
		ix.dropPending(s)
		if !ok || !ix.isSingleton(s) {
			continue
		}
		rep := ix.group[c]
		if rep == s {
			continue
		}
		if !ix.leads[rep] {
			ix.lead(rep)
		}
		var keys []uint64
		if !ix.sigs.empty(s) {
			keys = ix.bandKeys(ix.sigs.get(s))
		}
		ix.buckets.unindex(keys, s)
		ix.join(s, rep, keys)
	}
}
