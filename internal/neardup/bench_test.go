package neardup

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// bigConsultation returns n comments of about 300 words in arrival order: 80% distinct
// comments and 20% variants of the form letter padded to about 300 words, the shape of a
// large consultation under a campaign.
func bigConsultation(n int) []labelled {
	rng := rand.New(rand.NewPCG(42, 43))
	padding := distinctComment(rng, 0, 100, 100)
	out := make([]labelled, n)
	for i := range out {
		if i%5 == 0 {
			out[i] = labelled{id: fmt.Sprint("c", i), text: campaignVariant(rng) + " " + padding, campaign: true}
		} else {
			out[i] = labelled{id: fmt.Sprint("d", i), text: distinctComment(rng, i, 250, 350)}
		}
	}
	return out
}

func BenchmarkSign(b *testing.B) {
	text := bigConsultation(2)[1].text
	cfg := DefaultConfig()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		sign(cfg, text)
	}
}

// BenchmarkAdd10k signs and clusters 10,000 comments of about 300 words into a fresh index.
func BenchmarkAdd10k(b *testing.B) {
	items := bigConsultation(10_000)
	for b.Loop() {
		ix, _ := NewIndex(DefaultConfig())
		for _, it := range items {
			ix.Add(it.id, ix.Sign(it.text))
		}
	}
}

// BenchmarkAddPresigned clusters 10,000 stored signatures, as a rebuild with Load does.
func BenchmarkAddPresigned(b *testing.B) {
	items := bigConsultation(10_000)
	cfg := DefaultConfig()
	stored := make([]Item, len(items))
	for i, it := range items {
		stored[i] = Item{ID: it.id, Sig: sign(cfg, it.text)}
	}
	for b.Loop() {
		ix, _ := NewIndex(cfg)
		_ = ix.Load(stored)
	}
}

// BenchmarkRestore rebuilds the index of 10,000 stored assignments, as a cold process does.
func BenchmarkRestore(b *testing.B) {
	items := bigConsultation(10_000)
	cfg := DefaultConfig()
	live, _ := NewIndex(cfg)
	stored := make([]Stored, len(items))
	for i, it := range items {
		sig := sign(cfg, it.text)
		stored[i] = Stored{ID: it.id, Sig: sig, ClusterID: live.Assign(it.id, sig).ClusterID}
	}
	for i := range stored {
		stored[i].ClusterID, _ = live.ClusterOf(stored[i].ID)
	}
	for b.Loop() {
		ix, _ := NewIndex(cfg)
		ix.Restore(stored)
	}
}

// TestTenThousandComments checks the clustering of a large consultation; its speed is measured
// by the benchmarks, not here.
func TestTenThousandComments(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("slow under -short or -race")
	}
	items := bigConsultation(10_000)
	ix := newIndex(t)
	for _, it := range items {
		ix.Add(it.id, ix.Sign(it.text))
	}
	clusters := ix.Clusters()
	if len(clusters) != 1 || clusters[0].Size != 2000 {
		t.Errorf("want the 2,000 campaign variants in one cluster, got %+v", clusters[:min(len(clusters), 5)])
	}
}
