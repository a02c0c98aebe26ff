package clauses

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// largeDraft is about 5 MB with about 10,000 headings.
func largeDraft() string {
	return genDraft(rand.New(rand.NewPCG(1, 2)), 20, 20, 24, 50)
}

// nextVersion derives a new version: every 50th clause dropped (its later siblings renumbered),
// every 20th body edited, a clause added after every 100th. It returns the Markdown and the
// numbers of clauses dropped and added.
func nextVersion(d *Document) (md string, dropped, added int) {
	r := rand.New(rand.NewPCG(3, 4))
	var b strings.Builder
	b.WriteString("# Generated draft, next version\n\nPreamble.\n\n")
	i := 0
	var walk func(cs []*Clause, prefix string, level int)
	walk = func(cs []*Clause, prefix string, level int) {
		pos := 0
		for _, c := range cs {
			i++
			if i%50 == 0 && len(c.Children) == 0 {
				dropped++
				continue
			}
			pos++
			num := fmt.Sprintf("%s%d", prefix, pos)
			body := c.Body
			if i%20 == 0 {
				body = editWords(r, body, 8)
			}
			fmt.Fprintf(&b, "%s %s %s\n\n%s\n\n", strings.Repeat("#", level), num, c.Heading, body)
			walk(c.Children, num+".", level+1)
			if i%100 == 1 && len(c.Children) == 0 {
				pos++
				added++
				fmt.Fprintf(&b, "%s %s%d Added clause %d\n\n%s\n\n", strings.Repeat("#", level), prefix, pos, i, genText(r, 40))
			}
		}
	}
	walk(d.Clauses, "", 2)
	return b.String(), dropped, added
}

func TestLargeDraft(t *testing.T) {
	src := []byte(largeDraft())
	require.InDelta(t, 5<<20, len(src), 1<<20)
	start := time.Now()
	d, err := Parse(src)
	elapsed := time.Since(start)
	require.NoError(t, err)
	all := d.Flatten()
	require.Len(t, all, 20+20*20+20*20*24)
	t.Logf("parsed %d bytes, %d clauses in %v (speed is BenchmarkParseLarge's to measure)", len(src), len(all), elapsed)

	md, dropped, added := nextVersion(d)
	next := mustParse(t, md)
	start = time.Now()
	changes := DiffDocuments(d, next)
	elapsed = time.Since(start)
	counts := map[Kind]int{}
	renumbered := 0
	for _, c := range changes {
		counts[c.Kind]++
		if c.Renumbered() {
			renumbered++
		}
	}
	t.Logf("diff in %v: %v, %d renumbered", elapsed, counts, renumbered)
	checkChanges(t, all, next.Flatten(), changes)
	assert.Equal(t, dropped, counts[Removed])
	assert.Equal(t, added, counts[Added])
	assert.Positive(t, counts[Changed])
	assert.Positive(t, renumbered)
}

// TestDiffRewrittenIsBounded compares two drafts with the same headings and unrelated bodies
// of thousands of words: the word diffs run out of budget and fall back to replacements (the
// bound is on work, shown by the shape of the result; time is for benchmarks, not tests).
func TestDiffRewrittenIsBounded(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var a, b strings.Builder
	for i := 1; i <= 300; i++ {
		fmt.Fprintf(&a, "## %d Clause %d\n\n%s\n\n", i, i, genText(r, 3000))
		fmt.Fprintf(&b, "## %d Clause %d\n\n%s\n\n", i, i, genText(r, 3000))
	}
	old, new := mustParse(t, a.String()), mustParse(t, b.String())
	start := time.Now()
	changes := DiffDocuments(old, new)
	elapsed := time.Since(start)
	t.Logf("%d changes in %v", len(changes), elapsed)
	checkChanges(t, old.Flatten(), new.Flatten(), changes)
	// Past the budget: common ends kept, the rest deleted whole and inserted whole.
	assert.LessOrEqual(t, len(changes[len(changes)-1].BodyDiff), 4)
}

func BenchmarkParse(b *testing.B) {
	src := []byte(largeDraft())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDiff(b *testing.B) {
	old := mustParse(b, largeDraft())
	md, _, _ := nextVersion(old)
	new := mustParse(b, md)
	for b.Loop() {
		DiffDocuments(old, new)
	}
}

func BenchmarkWordDiff20k(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	old := genText(r, 20000)
	new := editWords(r, old, 50)
	for b.Loop() {
		WordDiff(old, new)
	}
}
