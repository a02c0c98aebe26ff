package draft

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDiffOfTheSampleVersions checks every clause of v0.3 → v0.4: 2.3 became 2.2 unchanged, the
// old 2.2 was removed, 3.4.1 changed, 3.6 was added, everything else is unchanged.
func TestDiffOfTheSampleVersions(t *testing.T) {
	v3, v4 := load(t, "draft-scheme-mss-v0.3.md"), load(t, "draft-scheme-mss-v0.4.md")
	type row struct {
		kind     Kind
		old, new string
	}
	var got []row
	for _, c := range Diff(v3.Clauses, v4.Clauses) {
		r := row{kind: c.Kind}
		if c.Old != nil {
			r.old = c.Old.Number
		}
		if c.New != nil {
			r.new = c.New.Number
		}
		got = append(got, r)
	}
	same := func(n string) row { return row{Unchanged, n, n} }
	want := []row{
		same("1"), same("1.1"), same("1.2"), same("2"), same("2.1"),
		{Removed, "2.2", ""},
		{Unchanged, "2.3", "2.2"},
		same("3"), same("3.1"), same("3.1.1"), same("3.1.2"), same("3.2"), same("3.2.1"), same("3.2.2"),
		same("3.3"), same("3.3.1"), same("3.3.2"), same("3.3.3"), same("3.4"),
		{Changed, "3.4.1", "3.4.1"},
		same("3.4.2"), same("3.5"),
		{Added, "", "3.6"},
		same("4"), same("4.1"), same("4.2"), same("5"), same("5.1"), same("5.2"), same("5.3"),
		same("Annex A"), same("Annex B"),
	}
	assert.Equal(t, want, got)

	for _, c := range Diff(v3.Clauses, v4.Clauses) {
		if c.Kind != Changed {
			continue
		}
		var deleted, inserted []string
		for _, s := range c.BodyDiff {
			switch s.Op {
			case Delete:
				deleted = append(deleted, s.Text)
			case Insert:
				inserted = append(inserted, s.Text)
			}
		}
		assert.Contains(t, strings.Join(deleted, "|"), "24")
		assert.Contains(t, strings.Join(inserted, "|"), "12")
		assert.Contains(t, strings.Join(inserted, "|"), "full report within one month")
		assert.False(t, c.HeadingEdited)
	}
}

func TestDiffMatchesRenamedAndMovedClauses(t *testing.T) {
	body := "The manufacturer shall publish a coordinated vulnerability disclosure policy and act on reports."
	oldDoc, err := Parse([]byte("## 1 Scope\nA\n## 2 Handling of vulnerabilities\n" + body + "\n"))
	require.NoError(t, err)
	newDoc, err := Parse([]byte("## 1 Scope\nA\n## 2 Definitions\nNew text entirely.\n## 3 Vulnerability handling\n" + body + "\n"))
	require.NoError(t, err)
	changes := Diff(oldDoc.Clauses, newDoc.Clauses)
	require.Len(t, changes, 3)
	assert.Equal(t, Unchanged, changes[0].Kind)
	assert.Equal(t, Added, changes[1].Kind)
	assert.Equal(t, Changed, changes[2].Kind)
	assert.True(t, changes[2].HeadingEdited)
	assert.True(t, changes[2].Renumbered)
	assert.Nil(t, changes[2].BodyDiff)
}

func TestWordDiff(t *testing.T) {
	segs := WordDiff("within 24 hours of becoming aware", "within 12 hours of becoming aware of it")
	assert.Equal(t, []Segment{
		{Equal, "within "}, {Delete, "24"}, {Insert, "12"}, {Equal, " hours of becoming aware"}, {Insert, " of it"},
	}, segs)
	assert.Equal(t, []Segment{{Equal, "ąčę Ελληνικά"}}, WordDiff("ąčę Ελληνικά", "ąčę Ελληνικά"))
}

func BenchmarkParseAndDiff(b *testing.B) {
	var sb strings.Builder
	for i := 1; i <= 2000; i++ {
		sb.WriteString("## Heading " + strings.Repeat("y", i%13) + " " + string(rune('a'+i%26)) + "\n\n")
		sb.WriteString(strings.Repeat("The provider shall maintain records of every action. ", 10) + "\n\n")
	}
	src := []byte(sb.String())
	b.ReportAllocs()
	for b.Loop() {
		doc, err := Parse(src)
		if err != nil {
			b.Fatal(err)
		}
		Diff(doc.Clauses, doc.Clauses)
	}
}
