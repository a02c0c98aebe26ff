package clauses

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Op says whether a diff segment is in both texts, only the new one, or only the old one.
type Op string

// The diff operations.
const (
	OpEqual  Op = "equal"
	OpInsert Op = "insert"
	OpDelete Op = "delete"
)

// Segment is a run of text with its diff operation.
type Segment struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

// WordDiff compares two texts word by word. A word, a run of white space, and any other
// character are each one token, so insertions and deletions cover whole words. Joining the
// equal and delete segments gives old; joining the equal and insert segments gives new. Within
// a changed stretch the deletion comes before the insertion. The effort is bounded: texts of
// tens of thousands of words compare in milliseconds, and past the bound the remaining
// difference is shown as a replacement.
func WordDiff(old, new string) []Segment {
	return wordDiff(old, new, &tokenDiff{work: wordDiffWork})
}

// wordDiff is WordDiff within d's remaining work, and at most wordDiffWork of it.
func wordDiff(old, new string, d *tokenDiff) []Segment {
	if old == new {
		if old == "" {
			return nil
		}
		return []Segment{{OpEqual, old}}
	}
	ta, tb := tokenize(old), tokenize(new)
	ids := make(map[string]int32)
	encode := func(tokens []string) []int32 {
		out := make([]int32, len(tokens))
		for i, t := range tokens {
			id, ok := ids[t]
			if !ok {
				id = int32(len(ids)) //nolint:gosec // fewer tokens than bytes, and MaxBytes < 2^31
				ids[t] = id
			}
			out[i] = id
		}
		return out
	}
	ia, ib := encode(ta), encode(tb)
	delA, insB := make([]bool, len(ta)), make([]bool, len(tb))
	left := max(d.work-wordDiffWork, 0)
	d.work = min(d.work, wordDiffWork)
	defer func() { d.work = max(d.work, 0) + left }()

	// Compare line by line first, then word by word within each changed stretch of lines, as
	// diff-match-patch does: most edits touch few lines, and this keeps long texts fast.
	la, lb := lines(old, ta), lines(new, tb)
	clear(ids)
	lia, lib := encode(la.texts), encode(lb.texts)
	ldelA, linsB := make([]bool, len(lia)), make([]bool, len(lib))
	d.diff(lia, lib, ldelA, linsB)
	for i, j := 0, 0; i < len(lia) || j < len(lib); {
		if i < len(lia) && j < len(lib) && !ldelA[i] && !linsB[j] {
			i, j = i+1, j+1
			continue
		}
		i2, j2 := i, j
		for i2 < len(lia) && ldelA[i2] {
			i2++
		}
		for j2 < len(lib) && linsB[j2] {
			j2++
		}
		x0, x1, y0, y1 := la.first[i], la.first[i2], lb.first[j], lb.first[j2]
		d.diff(ia[x0:x1], ib[y0:y1], delA[x0:x1], insB[y0:y1])
		i, j = i2, j2
	}
	return tidy(segments(old, new, ta, tb, delA, insB))
}

// lineSplit groups tokens into lines, each ending with the white space that holds its newline.
type lineSplit struct {
	texts []string // each line's text
	first []int    // index of each line's first token, and the token count at the end
}

func lines(text string, tokens []string) lineSplit {
	var l lineSplit
	start, pos, first := 0, 0, 0
	for i, t := range tokens {
		pos += len(t)
		if strings.IndexByte(t, '\n') >= 0 || i == len(tokens)-1 {
			l.texts = append(l.texts, text[start:pos])
			l.first = append(l.first, first)
			start, first = pos, i+1
		}
	}
	l.first = append(l.first, len(tokens))
	return l
}

// segments turns the marks into runs of text.
func segments(old, new string, ta, tb []string, delA, insB []bool) []Segment {
	var segs []Segment
	op, startA, startB := Op(""), 0, 0 // current run, from these byte offsets
	posA, posB := 0, 0
	flush := func(next Op) {
		if op != next && op != "" {
			text := old[startA:posA]
			if op == OpInsert {
				text = new[startB:posB]
			}
			segs = append(segs, Segment{op, text})
		}
		if op != next {
			op, startA, startB = next, posA, posB
		}
	}
	for i, j := 0, 0; i < len(ta) || j < len(tb); {
		switch {
		case i < len(ta) && delA[i]:
			flush(OpDelete)
			posA += len(ta[i])
			i++
		case j < len(tb) && insB[j]:
			flush(OpInsert)
			posB += len(tb[j])
			j++
		default:
			flush(OpEqual)
			posA, posB = posA+len(ta[i]), posB+len(tb[j])
			i, j = i+1, j+1
		}
	}
	flush("")
	return segs
}

// tidy folds white space that merely separates two changes into them, so that "a b" → "c d"
// reads as one replacement rather than two, then puts each changed stretch as one deletion
// followed by one insertion and merges neighbours.
func tidy(segs []Segment) []Segment {
	for i := 1; i+1 < len(segs); i++ {
		if segs[i].Op == OpEqual && segs[i-1].Op != OpEqual && segs[i+1].Op != OpEqual && isSpace(segs[i].Text) {
			segs[i].Op = "both"
		}
	}
	out := make([]Segment, 0, len(segs))
	var del, ins strings.Builder
	flush := func() {
		if del.Len() > 0 {
			out = append(out, Segment{OpDelete, del.String()})
			del.Reset()
		}
		if ins.Len() > 0 {
			out = append(out, Segment{OpInsert, ins.String()})
			ins.Reset()
		}
	}
	for _, s := range segs {
		switch s.Op {
		case OpDelete:
			del.WriteString(s.Text)
		case OpInsert:
			ins.WriteString(s.Text)
		case "both":
			del.WriteString(s.Text)
			ins.WriteString(s.Text)
		default:
			flush()
			if n := len(out); n > 0 && out[n-1].Op == OpEqual {
				out[n-1].Text += s.Text
			} else if s.Text != "" {
				out = append(out, s)
			}
		}
	}
	flush()
	return out
}

func isSpace(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return s != ""
}

// tokenize splits text into words (letters, marks and digits), runs of white space, and single
// other characters. Han, Hiragana, Katakana and Thai characters are one token each.
func tokenize(s string) []string {
	tokens := make([]string, 0, len(s)/3)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		class := tokenClass(r)
		j := i + size
		if class != classOther {
			for j < len(s) {
				r2, size2 := utf8.DecodeRuneInString(s[j:])
				if tokenClass(r2) != class {
					break
				}
				j += size2
			}
		}
		tokens = append(tokens, s[i:j])
		i = j
	}
	return tokens
}

const (
	classOther = iota
	classWord
	classSpace
)

func tokenClass(r rune) int {
	if r < utf8.RuneSelf {
		switch {
		case r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\v' || r == '\f':
			return classSpace
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
			return classWord
		}
		return classOther
	}
	switch {
	case unicode.IsSpace(r):
		return classSpace
	case r >= 0x0E00 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai):
		return classOther
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		return classWord
	}
	return classOther
}
