package clauses

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWordDiff(t *testing.T) {
	type s = Segment
	tests := []struct {
		name, old, new string
		want           []Segment
	}{
		{"both empty", "", "", nil},
		{"equal", "same text", "same text", []s{{OpEqual, "same text"}}},
		{"from nothing", "", "new text", []s{{OpInsert, "new text"}}},
		{"to nothing", "old text", "", []s{{OpDelete, "old text"}}},
		{"one word", "within 24 hours", "within 12 hours", []s{{OpEqual, "within "}, {OpDelete, "24"}, {OpInsert, "12"}, {OpEqual, " hours"}}},
		{"whole words, not letters", "the provider", "the providers", []s{{OpEqual, "the "}, {OpDelete, "provider"}, {OpInsert, "providers"}}},
		{"appended", "shall notify.", "shall notify promptly.", []s{{OpEqual, "shall notify"}, {OpInsert, " promptly"}, {OpEqual, "."}}},
		{"deleted in the middle", "a b c d", "a d", []s{{OpEqual, "a "}, {OpDelete, "b c "}, {OpEqual, "d"}}},
		{"neighbouring replacements read as one", "keep one two keep", "keep three four keep",
			[]s{{OpEqual, "keep "}, {OpDelete, "one two"}, {OpInsert, "three four"}, {OpEqual, " keep"}}},
		{"punctuation", "shall, where feasible, apply", "shall apply", []s{{OpEqual, "shall"}, {OpDelete, ", where feasible,"}, {OpEqual, " apply"}}},
		{"white space", "a  b", "a b", []s{{OpEqual, "a"}, {OpDelete, "  "}, {OpInsert, " "}, {OpEqual, "b"}}},
		{"line break", "one\ntwo", "one two", []s{{OpEqual, "one"}, {OpDelete, "\n"}, {OpInsert, " "}, {OpEqual, "two"}}},
		{"Greek", "ο πάροχος ενημερώνει", "ο πάροχος ειδοποιεί", []s{{OpEqual, "ο πάροχος "}, {OpDelete, "ενημερώνει"}, {OpInsert, "ειδοποιεί"}}},
		{"combining marks stay in their word", "se\u0301curite\u0301 ok", "securite ok", []s{{OpDelete, "se\u0301curite\u0301"}, {OpInsert, "securite"}, {OpEqual, " ok"}}},
		{"Han characters one by one", "网络安全认证", "网络安全评估", []s{{OpEqual, "网络安全"}, {OpDelete, "认证"}, {OpInsert, "评估"}}},
		{"changed lines among equal ones", "l1\nl2 old\nl3\n", "l1\nl2 new\nl3\n", []s{{OpEqual, "l1\nl2 "}, {OpDelete, "old"}, {OpInsert, "new"}, {OpEqual, "\nl3\n"}}},
		{"line inserted", "l1\nl3\n", "l1\nl2\nl3\n", []s{{OpEqual, "l1\n"}, {OpInsert, "l2\n"}, {OpEqual, "l3\n"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := WordDiff(tt.old, tt.new)
			assert.Equal(t, tt.want, got)
			checkSegments(t, tt.old, tt.new, got)
		})
	}
}

// checkSegments checks that the segments rebuild both texts, that no segment is empty, that
// neighbours differ, and that an insertion never directly precedes a deletion.
func checkSegments(t testing.TB, old, new string, segs []Segment) {
	t.Helper()
	a, b := joinSegments(segs)
	require.Equal(t, old, a)
	require.Equal(t, new, b)
	for i, s := range segs {
		require.NotEmpty(t, s.Text, "segment %d", i)
		if i > 0 {
			require.NotEqual(t, segs[i-1].Op, s.Op, "segment %d", i)
			require.False(t, segs[i-1].Op == OpInsert && s.Op == OpDelete, "segment %d", i)
		}
	}
}

func TestWordDiffRandomEdits(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for i := 0; i < 300; i++ {
		old := genText(r, r.IntN(80))
		if r.IntN(3) == 0 {
			old = strings.ReplaceAll(old, " a", "\na")
		}
		new := editWords(r, old, 1+r.IntN(10))
		if r.IntN(4) == 0 {
			new = genText(r, r.IntN(60)) + "\n" + new
		}
		segs := WordDiff(old, new)
		checkSegments(t, old, new, segs)
		if old == new && old != "" {
			assert.Equal(t, []Segment{{OpEqual, old}}, segs)
		}
	}
}

// TestWordDiffLarge checks that 20,000-word texts compare quickly, whether lightly edited or
// entirely different, on one line or many.
func TestWordDiffLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	base := genText(r, 20000)
	wrapped := strings.ReplaceAll(base, " the ", " the\n")
	cases := map[string][2]string{
		"edited, one line":   {base, editWords(r, base, 50)},
		"edited, many lines": {wrapped, editWords(r, wrapped, 50)},
		"rewritten":          {base, genText(r, 20000)},
		"rewritten, wrapped": {wrapped, strings.ReplaceAll(genText(r, 20000), " a", "\na")},
		"emptied":            {base, ""},
		"paragraph inserted": {wrapped, strings.Replace(wrapped, "\n", "\n"+genText(r, 300)+"\n", 1)},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			segs := WordDiff(c[0], c[1])
			elapsed := time.Since(start)
			checkSegments(t, c[0], c[1], segs)
			t.Logf("%d segments in %v", len(segs), elapsed)
		})
	}
}

func TestTokenize(t *testing.T) {
	assert.Equal(t, []string{"Multi", "-", "factor", " ", "authentication", ":", "\n\n", "§", "3", ".", "4", " ", "ES2027", "’", "s"},
		tokenize("Multi-factor authentication:\n\n§3.4 ES2027’s"))
	assert.Equal(t, []string{"Übersicht", " ", "ασφάλεια", " ", "网", "络"}, tokenize("Übersicht ασφάλεια 网络"))
	assert.Empty(t, tokenize(""))
}
