package draft

import (
	"regexp"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Op is the kind of a diff segment.
type Op string

// Segment kinds.
const (
	Equal  Op = "equal"
	Insert Op = "insert"
	Delete Op = "delete"
)

// Segment is a run of text that both versions share, or that one of them adds.
type Segment struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

// maxVocabulary bounds the distinct words one comparison maps to runes (the private use areas
// and planes 1 to 16 hold about a million); beyond it the texts are reported as replaced whole.
const maxVocabulary = 1<<20 - 0x10000

var token = regexp.MustCompile(`\s+|[\p{L}\p{N}_'’-]+|[^\s\p{L}\p{N}]`)

// WordDiff compares two texts word by word: each word, run of white space or punctuation mark
// is one unit, so a change shows as whole words deleted and inserted.
func WordDiff(a, b string) []Segment {
	ta, tb := token.FindAllString(a, -1), token.FindAllString(b, -1)
	if len(ta)+len(tb) > maxVocabulary {
		return []Segment{{Op: Delete, Text: a}, {Op: Insert, Text: b}}
	}
	ids := map[string]rune{}
	var vocab []string
	encode := func(tokens []string) []rune {
		out := make([]rune, len(tokens))
		for i, t := range tokens {
			id, ok := ids[t]
			if !ok {
				// Runes from the private use areas onward; avoid surrogates.
				id = rune(0xE000 + len(vocab)) //nolint:gosec // len(vocab) < maxVocabulary
				if id >= 0xF900 {
					id += 0x10000 - 0xF900
				}
				ids[t] = id
				vocab = append(vocab, t)
			}
			out[i] = id
		}
		return out
	}
	ra, rb := encode(ta), encode(tb)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	diffs := dmp.DiffMainRunes(ra, rb, false)
	segments := make([]Segment, 0, len(diffs))
	for _, d := range diffs {
		var sb strings.Builder
		for _, r := range d.Text {
			idx := int(r) - 0xE000
			if r >= 0x10000 {
				idx = int(r) - 0x10000 + (0xF900 - 0xE000)
			}
			sb.WriteString(vocab[idx])
		}
		op := Equal
		switch d.Type {
		case diffmatchpatch.DiffInsert:
			op = Insert
		case diffmatchpatch.DiffDelete:
			op = Delete
		}
		if n := len(segments); n > 0 && segments[n-1].Op == op {
			segments[n-1].Text += sb.String()
		} else {
			segments = append(segments, Segment{Op: op, Text: sb.String()})
		}
	}
	return segments
}

// similarity is the share of text two versions have in common, from 0 to 1.
func similarity(a, b string) float64 {
	if a == b {
		return 1
	}
	if a == "" || b == "" {
		return 0
	}
	same := 0
	for _, s := range WordDiff(a, b) {
		if s.Op == Equal {
			same += len(s.Text)
		}
	}
	return 2 * float64(same) / float64(len(a)+len(b))
}
