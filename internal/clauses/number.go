package clauses

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The number patterns match the start of a heading, up to the white space before its text.
var (
	// "3", "3.4.1", "3.", "3)", "3.4.1." followed by the heading (or nothing).
	decimalRe = regexp.MustCompile(`^(\d{1,3}(?:\.\d{1,3})*)[.)]?(?:[\t\p{Zs}]+|$)`)
	// "Annex A Mapping", "Annex A - Mapping", "Annex A: Mapping", "ANNEX IV", "Appendix 2 – Forms".
	annexRe = regexp.MustCompile(`^(?i:(annex|appendix))[\t\p{Zs}]+([A-Z]{1,2}|[IVXLC]{1,6}|\d{1,3})(?:[\t\p{Zs}]*[-–—:][\t\p{Zs}]*|\.(?:[\t\p{Zs}]+|$)|[\t\p{Zs}]+|$)`)
	// "A.1 Something", "B.2.3. Something" inside an annex.
	annexClauseRe = regexp.MustCompile(`^([A-Z]{1,2}(?:\.\d{1,3})+)[.)]?(?:[\t\p{Zs}]+|$)`)
)

// numberPrefix bounds the part of a heading searched for a number, so that a huge heading
// costs no more than a short one.
const numberPrefix = 96

// number is a clause number split from a heading.
type number struct {
	text   string // as shown: "3.4.1", "Annex A", "A.1"
	ref    string // how sub-clause numbers refer to it: "3.4.1", "A", "A.1"
	parent string // ref of the parent clause's number, "" for a top-level number
}

// splitNumber separates a heading's own number from its text.
func splitNumber(heading string) (number, string, bool) {
	head := heading
	if len(head) > numberPrefix {
		cut := numberPrefix
		for cut > 0 && !utf8.RuneStart(head[cut]) {
			cut--
		}
		head = head[:cut]
	}
	match := func(re *regexp.Regexp) []int {
		m := re.FindStringSubmatchIndex(head)
		if m == nil || (m[1] == len(head) && len(head) < len(heading)) {
			return nil // the match needs the end of the heading, cut off here
		}
		return m
	}
	if m := match(decimalRe); m != nil {
		n := heading[m[2]:m[3]]
		return number{text: n, ref: n, parent: parentRef(n)}, strings.TrimSpace(heading[m[1]:]), true
	}
	if m := match(annexRe); m != nil {
		word, id := "Annex", heading[m[4]:m[5]]
		if strings.EqualFold(heading[m[2]:m[3]], "appendix") {
			word = "Appendix"
		}
		n := number{text: word + " " + id, ref: word + " " + id}
		if id[0] > '9' { // a letter: "A.1" refers to it as "A"
			n.ref = id
		}
		return n, strings.TrimSpace(heading[m[1]:]), true
	}
	if m := match(annexClauseRe); m != nil {
		n := heading[m[2]:m[3]]
		return number{text: n, ref: n, parent: parentRef(n)}, strings.TrimSpace(heading[m[1]:]), true
	}
	return number{}, heading, false
}

// parentRef drops the last component of a dotted number: "3.4.1" → "3.4", "A.1" → "A".
func parentRef(n string) string {
	if i := strings.LastIndexByte(n, '.'); i >= 0 {
		return n[:i]
	}
	return ""
}

// positionalNumber numbers a clause whose heading has none, after its parent.
func positionalNumber(parent *Clause, parentRef string, position int) string {
	p := strconv.Itoa(position)
	switch {
	case parent == nil:
		return p
	case parentRef != "":
		return parentRef + "." + p
	default:
		return parent.Number + "." + p
	}
}

// Key normalises a heading for matching clauses across versions: Unicode NFKC, lower case,
// letters, marks and digits only, words separated by single spaces. "Notification to the
// Customer:" and "notification to the customer" have the same key.
func Key(heading string) string {
	s := norm.NFKC.String(heading)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		space = true
	}
	return b.String()
}
