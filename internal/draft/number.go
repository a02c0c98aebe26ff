package draft

import (
	"regexp"
	"strings"
	"unicode"
)

var (
	// "3.4.1 Notification", "3. Scope", "3) Scope", "3.4.1. Notification"
	decimalNumber = regexp.MustCompile(`^(\d{1,4}(?:\.\d{1,4})*)[.)]?\s+(\S.*)$`)
	// "Annex A Mapping", "Annex A - Mapping", "Annex A: Mapping", "Appendix 2 — Forms", "Annex IV"
	annexNumber = regexp.MustCompile(`^((?:Annex|Appendix|ANNEX|APPENDIX)\s+(?:[A-Z]|[IVXLC]{1,6}|\d{1,3}))\b\s*[:.\-–—]?\s*(.*)$`)
	// "A.1 Something", "B.2.3 Something"
	annexClause = regexp.MustCompile(`^([A-Z](?:\.\d{1,4})+)[.)]?\s+(\S.*)$`)
	nonWord     = regexp.MustCompile(`[^\p{L}\p{N}]+`)
)

// splitNumber separates a heading's own number from its title.
func splitNumber(text string) (number, title string, explicit bool) {
	for _, re := range []*regexp.Regexp{decimalNumber, annexNumber, annexClause} {
		if m := re.FindStringSubmatch(text); m != nil {
			return m[1], strings.TrimSpace(m[2]), true
		}
	}
	return "", text, false
}

// Key normalises a heading for matching clauses across versions: lower case, letters and digits
// only, single spaces.
func Key(heading string) string {
	return strings.TrimSpace(nonWord.ReplaceAllString(strings.Map(unicode.ToLower, heading), " "))
}
