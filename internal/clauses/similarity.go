package clauses

import (
	"strings"
	"unicode/utf8"
)

// bag counts the words of a text, case-folded.
type bag struct {
	counts map[string]int
	total  int
}

func newBag(s string) bag {
	b := bag{counts: make(map[string]int)}
	for _, t := range tokenize(s) {
		if r, _ := utf8.DecodeRuneInString(t); tokenClass(r) == classSpace {
			continue
		}
		b.counts[strings.ToLower(t)]++
		b.total++
	}
	return b
}

// similarity is the Dice coefficient of two bags of words: 1 for the same words, 0 for none in
// common. Two empty texts are alike.
func similarity(a, b bag) float64 {
	if a.total == 0 && b.total == 0 {
		return 1
	}
	small, large := a, b
	if len(small.counts) > len(large.counts) {
		small, large = large, small
	}
	common := 0
	for w, n := range small.counts {
		common += min(n, large.counts[w])
	}
	return 2 * float64(common) / float64(a.total+b.total)
}

// squash collapses runs of white space to one space and trims, for comparing texts that differ
// only in line wrapping.
func squash(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
