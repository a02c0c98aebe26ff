package neardup

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newIndex(t testing.TB) *Index {
	t.Helper()
	ix, err := NewIndex(DefaultConfig())
	require.NoError(t, err)
	return ix
}

// crafted builds a default-sized signature value by value, to place items at exact
// similarities: value(i) is the MinHash value at position i.
func crafted(value func(i int) uint32) Signature {
	mins := make([]uint32, 128)
	for i := range mins {
		mins[i] = value(i)
	}
	return Signature{shingleSize: 3, mins: mins}
}

// agree returns a signature equal to base at positions [from, to) and unique elsewhere.
func agree(base Signature, from, to int, unique uint32) Signature {
	return crafted(func(i int) uint32 {
		if i >= from && i < to {
			return base.mins[i]
		}
		return unique + uint32(i)
	})
}

const letter = `Dear colleagues, we strongly support the objective of a harmonised scheme that raises the
level of trust in cloud services across the Union. However, we are deeply concerned about the
requirements in clause 5.2 on data localisation, which would exclude many small providers. We urge
the agency to remove them and to extend the transition period to twenty-four months. Regards, Anna`

func TestIndexFormsClusterOnSecondMember(t *testing.T) {
	ix := newIndex(t)

	c, joined := ix.Add("a", ix.Sign(letter))
	assert.False(t, joined, "a first copy is in no cluster")
	assert.Empty(t, c)

	a := ix.Assign("b", ix.Sign(letter+" and Jan"))
	assert.Equal(t, Assignment{ClusterID: "a", Also: []string{"a"}}, a, "the cluster forms, named after its first member")

	c, joined = ix.Add("x", ix.Sign("Conformity assessment bodies need accreditation before they may issue certificates at level high."))
	assert.False(t, joined)
	assert.Empty(t, c)

	a = ix.Assign("c", ix.Sign("Dear Sir or Madam, "+letter))
	assert.Equal(t, Assignment{ClusterID: "a"}, a)

	a = ix.Assign("b", ix.Sign("anything: b is known"))
	assert.Equal(t, Assignment{ClusterID: "a"}, a, "adding a known id changes nothing")

	assert.Equal(t, 3, ix.Size("a"))
	assert.Zero(t, ix.Size("x"))
	assert.Zero(t, ix.Size("nope"))
	assert.Equal(t, []string{"a", "b", "c"}, ix.Members("a"))
	assert.Nil(t, ix.Members("x"))
	assert.Equal(t, []Cluster{{ID: "a", Representative: "a", Size: 3}}, ix.Clusters())
	assert.Equal(t, 4, ix.Len())
	for id, want := range map[string]string{"a": "a", "b": "a", "c": "a", "x": "", "unknown": ""} {
		got, ok := ix.ClusterOf(id)
		assert.Equal(t, want, got, id)
		assert.Equal(t, want != "", ok, id)
	}
}

func TestIndexJoinRules(t *testing.T) {
	rep := crafted(func(i int) uint32 { return 1000 + uint32(i) })
	tests := []struct {
		name       string
		member     Signature // joins rep first: 77/128 = 0.60 similar
		item       Signature
		wantJoined bool
	}{
		{"similar to the representative", agree(rep, 0, 77, 5000), agree(rep, 40, 117, 9000), true},
		{"below threshold with everything", agree(rep, 0, 77, 5000), agree(rep, 0, 60, 9000), false},
		{
			// 0.60 with the member and 26/128 = 0.20 with the representative: beyond the drift
			// bound of Threshold/2 = 0.25, so a chain of edits cannot walk the cluster away.
			"similar to a member only, beyond the drift bound",
			agree(rep, 0, 77, 5000),
			crafted(func(i int) uint32 {
				if i >= 51 {
					return agree(rep, 0, 77, 5000).mins[i]
				}
				return 9000 + uint32(i)
			}),
			false,
		},
		{
			// 0.60 with the member and 40/128 = 0.31 with the representative: joins via the member.
			"similar to a member, within the drift bound",
			agree(rep, 0, 77, 5000),
			crafted(func(i int) uint32 {
				if i >= 37 {
					return agree(rep, 0, 77, 5000).mins[i]
				}
				return 9000 + uint32(i)
			}),
			true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ix := newIndex(t)
			ix.Add("rep", rep)
			c, joined := ix.Add("member", tc.member)
			require.True(t, joined)
			require.Equal(t, "rep", c)
			c, joined = ix.Add("item", tc.item)
			assert.Equal(t, tc.wantJoined, joined)
			if tc.wantJoined {
				assert.Equal(t, "rep", c)
			}
		})
	}
}

func TestIndexBringsInEarlierStragglers(t *testing.T) {
	ix := newIndex(t)
	rep := crafted(func(i int) uint32 { return 1000 + uint32(i) })
	// The straggler is 58/128 = 0.45 similar to the representative: no cluster when it arrives.
	straggler := agree(rep, 0, 58, 2000)
	// The newcomer is 0.60 similar to both, so it forms the cluster and brings the straggler in.
	newcomer := crafted(func(i int) uint32 {
		switch {
		case i < 77:
			return rep.mins[i]
		case i < 96:
			return straggler.mins[i]
		}
		return 3000 + uint32(i)
	})
	require.InDelta(t, 0.45, straggler.Similarity(rep), 0.01)
	require.InDelta(t, 0.60, newcomer.Similarity(rep), 0.01)
	require.InDelta(t, 0.60, newcomer.Similarity(straggler), 0.01)

	_, joined := ix.Add("rep", rep)
	require.False(t, joined)
	_, joined = ix.Add("straggler", straggler)
	require.False(t, joined)
	a := ix.Assign("newcomer", newcomer)
	assert.Equal(t, Assignment{ClusterID: "rep", Also: []string{"rep", "straggler"}}, a)
	assert.Equal(t, []string{"rep", "straggler", "newcomer"}, ix.Members("rep"))
	c, ok := ix.ClusterOf("straggler")
	assert.True(t, ok)
	assert.Equal(t, "rep", c)

	// The straggler now answers for the cluster in the buckets: a copy of it joins too.
	c, joined = ix.Add("copy", straggler)
	assert.True(t, joined)
	assert.Equal(t, "rep", c)
	assert.Equal(t, []Cluster{{ID: "rep", Representative: "rep", Size: 4}}, ix.Clusters())
}

func TestIndexPrefersTheOldestCluster(t *testing.T) {
	ix := newIndex(t)
	a := crafted(func(i int) uint32 { return 1000 + uint32(i) })
	b := agree(a, 0, 58, 2000) // 0.45 with a: its own group
	ix.Add("a", a)
	ix.Add("a2", a)
	ix.Add("b", b)
	ix.Add("b2", b)
	require.Equal(t, 2, ix.Size("a"))
	require.Equal(t, 2, ix.Size("b"))
	// Identical to b and 0.45 similar to a and its members: joins b.
	c, _ := ix.Add("b3", b)
	assert.Equal(t, "b", c)
	// Near-identical to both clusters: joins the oldest.
	both := crafted(func(i int) uint32 {
		if i < 80 {
			return a.mins[i]
		}
		return b.mins[i]
	})
	require.GreaterOrEqual(t, both.Similarity(b), 0.5)
	c, _ = ix.Add("both", both)
	assert.Equal(t, "a", c)
	assert.Equal(t, []Cluster{{"a", "a", 3}, {"b", "b", 3}}, ix.Clusters(), "largest first, then oldest")
}

func TestIndexNeverClustersEmptyOrIncompatibleSignatures(t *testing.T) {
	ix := newIndex(t)
	for i := range 3 {
		_, joined := ix.Add(fmt.Sprint("empty", i), ix.Sign("?!"))
		assert.False(t, joined)
	}
	other := DefaultConfig()
	other.NumHashes = 64
	short, err := Sign(other, letter)
	require.NoError(t, err)
	assert.False(t, ix.Compatible(short))
	for i := range 2 {
		_, joined := ix.Add(fmt.Sprint("short", i), short)
		assert.False(t, joined)
	}
	assert.True(t, ix.Compatible(Signature{shingleSize: 3}), "the empty signature is compatible")
	assert.Empty(t, ix.Clusters())
	assert.Equal(t, 5, ix.Len())

	err = newIndex(t).Load([]Item{{ID: "a", Sig: ix.Sign(letter)}, {ID: "b", Sig: short}})
	assert.ErrorContains(t, err, `"b"`)
}

// TestIndexRebuildIsDeterministic checks that two fresh indexes fed the same arrival order, one
// directly and one from stored bytes through Load, agree on every item.
func TestIndexRebuildIsDeterministic(t *testing.T) {
	items := consultation(7, 300, 100)
	live := newIndex(t)
	var stored []Item
	for _, it := range items {
		sig := live.Sign(it.text)
		live.Add(it.id, sig)
		back, err := ParseSignature(sig.Bytes())
		require.NoError(t, err)
		stored = append(stored, Item{ID: it.id, Sig: back})
	}
	rebuilt := newIndex(t)
	require.NoError(t, rebuilt.Load(stored))

	assert.Equal(t, live.Clusters(), rebuilt.Clusters())
	require.NotEmpty(t, live.Clusters())
	for _, it := range items {
		c1, ok1 := live.ClusterOf(it.id)
		c2, ok2 := rebuilt.ClusterOf(it.id)
		assert.Equal(t, c1, c2, it.id)
		assert.Equal(t, ok1, ok2, it.id)
	}
}

func TestIndexConcurrentUse(t *testing.T) {
	items := consultation(11, 200, 100)
	ix := newIndex(t)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := w; i < len(items); i += 8 {
				ix.Add(items[i].id, ix.Sign(items[i].text))
				ix.ClusterOf(items[i].id)
				ix.Clusters()
				ix.Size(items[i].id)
				ix.Members(items[i].id)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, len(items), ix.Len())
	clusters := ix.Clusters()
	require.NotEmpty(t, clusters)
	// The arrival order varies from run to run, so only the gist is checked here.
	assert.GreaterOrEqual(t, clusters[0].Size, 190)
	for _, it := range items {
		if c, ok := ix.ClusterOf(it.id); ok {
			assert.True(t, it.campaign, "%s is in cluster %s", it.id, c)
		}
	}
}
