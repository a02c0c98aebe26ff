package neardup

import "slices"

// buckets is the LSH index: per band, the items that share a band value, grouped by their
// group's representative. Most band values are held by one item only, so a bucket of one item
// is stored as that item's arrival number in the map itself (its group is ix.group of it) and
// only larger buckets take a bucket struct, in multi.
type buckets struct {
	byBand []map[uint64]int32 // band hash -> item (>= 0) or ^index into multi (< 0)
	multi  []bucket
	free   []int32 // unused indexes into multi
	one    [1]int32
}

// bucket holds the items that share one band value, and the representatives of their groups
// so that the candidate groups of a new item can be listed without walking every member of a
// large cluster. An item's group in a bucket is always its current group (ix.group): it is
// indexed under its own group when it arrives and moved when it joins one later.
type bucket struct {
	reps  []int32 // distinct representatives, in no particular order
	sizes []int32 // how many items of the group of reps[i] the bucket holds
	items []int32 // the items, in the order they came
}

func newBuckets(bands int) buckets {
	b := buckets{byBand: make([]map[uint64]int32, bands)}
	for i := range b.byBand {
		b.byBand[i] = make(map[uint64]int32)
	}
	return b
}

// reps returns the representatives of the groups in the bucket, nil if there is none.
func (b *buckets) reps(ix *Index, band int, key uint64) []int32 {
	v, ok := b.byBand[band][key]
	switch {
	case !ok:
		return nil
	case v >= 0:
		return ix.group[v : v+1]
	}
	return b.multi[^v].reps
}

// all returns every item in the bucket, in the order they came (those of a group are those
// whose ix.group is its representative), valid until the next call.
func (b *buckets) all(band int, key uint64) []int32 {
	v, ok := b.byBand[band][key]
	switch {
	case !ok:
		return nil
	case v >= 0:
		b.one[0] = v
		return b.one[:]
	}
	return b.multi[^v].items
}

// index records item n of group rep under each of its band keys.
func (b *buckets) index(ix *Index, keys []uint64, rep, n int32) {
	for band, key := range keys {
		m := b.byBand[band]
		v, ok := m[key]
		switch {
		case !ok:
			m[key] = n
		case v >= 0:
			reps, sizes := []int32{rep}, []int32{2}
			if r := ix.group[v]; r != rep {
				reps, sizes = []int32{r, rep}, []int32{1, 1}
			}
			m[key] = b.newMulti(bucket{reps: reps, sizes: sizes, items: []int32{v, n}})
		default:
			b.multi[^v].add(rep, n)
		}
	}
}

// add records item n of group rep, unless the bucket already holds maxBucketGroups other
// groups or maxBucketItems items of this one.
func (bk *bucket) add(rep, n int32) {
	i := 0
	if rep == n {
		i = len(bk.reps) // an item is indexed as its own group only when it arrives: not here yet
	}
	for i < len(bk.reps) && bk.reps[i] != rep {
		i++
	}
	switch {
	case i == len(bk.reps):
		if i >= maxBucketGroups {
			return
		}
		bk.reps, bk.sizes = append(bk.reps, rep), append(bk.sizes, 0)
	case bk.sizes[i] >= maxBucketItems:
		return
	case i > 0:
		// Move the group to the front, where the next of its members finds it at once (the
		// order of the groups in a bucket is never used).
		bk.reps[0], bk.reps[i] = bk.reps[i], bk.reps[0]
		bk.sizes[0], bk.sizes[i] = bk.sizes[i], bk.sizes[0]
		i = 0
	}
	bk.sizes[i]++
	bk.items = append(bk.items, n)
}

// maxBucketItems is how many items of one group a bucket keeps: matchesMember checks at most
// maxMemberChecks members besides the representative, and reaching that many ends its search
// whatever comes next, so the items after those can never change a result.
const maxBucketItems = maxMemberChecks + 1

// unindex removes singleton n from the buckets of its band keys.
func (b *buckets) unindex(keys []uint64, n int32) {
	for band, key := range keys {
		m := b.byBand[band]
		v, ok := m[key]
		switch {
		case !ok: // n was not indexed under so common a band value
		case v >= 0:
			if v == n {
				delete(m, key)
			}
		default:
			bk := &b.multi[^v]
			if i := slices.Index(bk.reps, n); i >= 0 {
				bk.reps, bk.sizes = slices.Delete(bk.reps, i, i+1), slices.Delete(bk.sizes, i, i+1)
				bk.items = slices.Delete(bk.items, slices.Index(bk.items, n), slices.Index(bk.items, n)+1)
			}
			switch {
			case len(bk.reps) == 0:
				delete(m, key)
				b.freeMulti(^v)
			case len(bk.items) == 1:
				m[key] = bk.items[0]
				b.freeMulti(^v)
			}
		}
	}
}

func (b *buckets) newMulti(bk bucket) int32 {
	if k := len(b.free); k > 0 {
		i := b.free[k-1]
		b.free = b.free[:k-1]
		b.multi[i] = bk
		return ^i
	}
	b.multi = append(b.multi, bk)
	return ^int32(len(b.multi) - 1) //nolint:gosec // far fewer buckets than 2^31
}

func (b *buckets) freeMulti(i int32) {
	b.multi[i] = bucket{}
	b.free = append(b.free, i)
}
