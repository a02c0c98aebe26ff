package neardup

import "sort"

// Cluster describes a group of at least two near-identical comments, as the moderation queue
// shows it.
type Cluster struct {
	// ID is the cluster's identifier: the id of its first member.
	ID string
	// Representative is the id of the comment whose text represents the cluster: the first
	// member, the one every other member is bounded against. Same as ID.
	Representative string
	// Size is the number of members, the representative included.
	Size int
}

func (ix *Index) clusterOfLocked(n int32) (string, bool) {
	g := ix.group[n]
	if len(ix.members[g]) < 2 {
		return "", false
	}
	return ix.ids[g], true
}

// ClusterOf returns the cluster of the item id; ok is false if the item is unknown or in no
// cluster.
func (ix *Index) ClusterOf(id string) (clusterID string, ok bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	n, known := ix.pos[id]
	if !known {
		return "", false
	}
	return ix.clusterOfLocked(n)
}

// Size returns the number of members of the cluster, 0 if there is no such cluster.
func (ix *Index) Size(clusterID string) int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	n, ok := ix.pos[clusterID]
	if !ok {
		return 0
	}
	return len(ix.members[n])
}

// Members returns the ids of the cluster's members in arrival order, representative first;
// nil if there is no such cluster.
func (ix *Index) Members(clusterID string) []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	n, ok := ix.pos[clusterID]
	if !ok {
		return nil
	}
	var out []string
	for _, m := range ix.members[n] {
		out = append(out, ix.ids[m])
	}
	return out
}

// Clusters lists every cluster, largest first, ties in order of the first member's arrival.
func (ix *Index) Clusters() []Cluster {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	reps := make([]int32, 0, len(ix.members))
	for rep := range ix.members {
		reps = append(reps, rep)
	}
	sort.Slice(reps, func(i, j int) bool {
		si, sj := len(ix.members[reps[i]]), len(ix.members[reps[j]])
		if si != sj {
			return si > sj
		}
		return reps[i] < reps[j]
	})
	out := make([]Cluster, len(reps))
	for i, rep := range reps {
		id := ix.ids[rep]
		out[i] = Cluster{ID: id, Representative: id, Size: len(ix.members[rep])}
	}
	return out
}

// Len returns the number of items added.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.ids)
}
