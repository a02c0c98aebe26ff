package neardup

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalise reduces text to the form that is shingled: compatibility decomposition (NFKD, so
// ligatures, full-width and styled letters become plain ones), combining marks removed (so "é",
// "ά" and "й" compare equal to "e", "α" and "и" — people drop accents when retyping a letter),
// case folding (so "Σ"/"ς"/"σ" and "ß"/"SS" match), every rune that is not a letter, digit or
// spacing mark turned into a separator, and separators collapsed to single spaces with none at
// either end. It works the same for every script. Invalid UTF-8 separates words.
func Normalise(text string) string {
	decomposed := text
	if !isASCII(text) { // ASCII is its own NFKD form
		if !utf8.ValidString(text) {
			text = strings.ToValidUTF8(text, " ")
		}
		decomposed = norm.NFKD.String(text)
	}

	var b strings.Builder
	b.Grow(len(decomposed))
	pendingSpace := false
	for _, r := range decomposed {
		var folded rune
		if r < tableSize {
			folded = foldTable[r]
		} else {
			folded = fold(r)
		}
		switch folded {
		case drop:
		case separator:
			pendingSpace = true
		default:
			if pendingSpace && b.Len() > 0 {
				b.WriteByte(' ')
			}
			pendingSpace = false
			if folded == 'ß' {
				b.WriteString("ss") // as in full case folding
			} else {
				b.WriteRune(folded)
			}
		}
	}
	return b.String()
}

// Results of fold besides a folded rune.
const (
	separator rune = 0
	drop      rune = -1
)

// fold classifies one rune of NFKD text: a non-spacing mark (accent) is dropped; a letter,
// digit or spacing mark is case-folded with lower(upper(r)), which maps every case variant to
// one form ("ς" and "Σ" to "σ", "ſ" to "s"); anything else separates words.
func fold(r rune) rune {
	switch {
	case unicode.Is(unicode.Mn, r):
		return drop
	case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.In(r, unicode.Mc, unicode.Me):
		return unicode.ToLower(unicode.ToUpper(r))
	}
	return separator
}

// tableSize covers Latin, Greek, Cyrillic and the combining marks, where most EU text lives.
const tableSize = 0x800

// foldTable caches fold for the runes below tableSize.
var foldTable = func() (t [tableSize]rune) {
	for r := range t {
		t[r] = fold(rune(r))
	}
	return t
}()

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
