package clauses

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSplitNumber(t *testing.T) {
	tests := []struct {
		heading, number, ref, parent, text string
	}{
		{"3.4.1 Notification", "3.4.1", "3.4.1", "3.4", "Notification"},
		{"3 Scope", "3", "3", "", "Scope"},
		{"3. Scope", "3", "3", "", "Scope"},
		{"3) Scope", "3", "3", "", "Scope"},
		{"3.4.1. Dotted", "3.4.1", "3.4.1", "3.4", "Dotted"},
		{"12.104.7 Big", "12.104.7", "12.104.7", "12.104", "Big"},
		{"3.4", "3.4", "3.4", "3", ""},
		{"3.4\tTabbed", "3.4", "3.4", "3", "Tabbed"},
		{"3.4\u00a0NBSP", "3.4", "3.4", "3", "NBSP"},
		{"Annex A Mapping", "Annex A", "A", "", "Mapping"},
		{"Annex A - Mapping", "Annex A", "A", "", "Mapping"},
		{"Annex A: Mapping", "Annex A", "A", "", "Mapping"},
		{"Annex A. Mapping", "Annex A", "A", "", "Mapping"},
		{"Annex A — Mapping", "Annex A", "A", "", "Mapping"},
		{"Annex A–Mapping", "Annex A", "A", "", "Mapping"},
		{"ANNEX B", "Annex B", "B", "", ""},
		{"annex C Lower-case word", "Annex C", "C", "", "Lower-case word"},
		{"Annex IV Forms", "Annex IV", "IV", "", "Forms"},
		{"Annex XII", "Annex XII", "XII", "", ""},
		{"Appendix 2 – Forms", "Appendix 2", "Appendix 2", "", "Forms"},
		{"Appendix AB Two letters", "Appendix AB", "AB", "", "Two letters"},
		{"A.1 Something", "A.1", "A.1", "A", "Something"},
		{"B.2.3. Deeper", "B.2.3", "B.2.3", "B.2", "Deeper"},
		{"A.1", "A.1", "A.1", "A", ""},
	}
	for _, tt := range tests {
		t.Run(tt.heading, func(t *testing.T) {
			n, text, ok := splitNumber(tt.heading)
			assert.True(t, ok)
			assert.Equal(t, number{text: tt.number, ref: tt.ref, parent: tt.parent}, n)
			assert.Equal(t, tt.text, text)
		})
	}
	for _, heading := range []string{
		"Introduction", "2027 Review", "5G networks", "3.4.1Notification", "1234 Big", "Annex", "Annex Mapping",
		"Annexes", "Annex a lower-case letter", "Annex A.1 Mixed", "U.S. Requirements", "A. Letter", "a.1 lower",
		"3,4 Comma", "", " 3 Leading space", "§ 3 Section sign", "Article 5 Scope",
	} {
		t.Run("none/"+heading, func(t *testing.T) {
			n, text, ok := splitNumber(heading)
			assert.False(t, ok)
			assert.Equal(t, number{}, n)
			assert.Equal(t, heading, text)
		})
	}
}

func TestSplitNumberOfLongHeadings(t *testing.T) {
	long := strings.Repeat("word ", 100000)
	n, text, ok := splitNumber("3.4.1 " + long)
	assert.True(t, ok)
	assert.Equal(t, "3.4.1", n.text)
	assert.Equal(t, strings.TrimSpace(long), text)

	n, _, ok = splitNumber("Annex B — " + long)
	assert.True(t, ok)
	assert.Equal(t, "Annex B", n.text)

	// A dotted number running past the part searched is not taken for a number.
	dotted := strings.Repeat("1.", 60) + "1 Deep"
	_, text, ok = splitNumber(dotted)
	assert.False(t, ok)
	assert.Equal(t, dotted, text)
	// The part searched is cut at a character boundary.
	_, _, ok = splitNumber(strings.Repeat("é", 100))
	assert.False(t, ok)
}

func TestKey(t *testing.T) {
	tests := []struct{ heading, want string }{
		{"Notification to the customer", "notification to the customer"},
		{"Notification to the Customer:", "notification to the customer"},
		{"  Notification   to the customer  ", "notification to the customer"},
		{"Multi-factor authentication", "multi factor authentication"},
		{"**Bold** _and_ `code`", "bold and code"},
		{"Évaluation de la sécurité", "évaluation de la sécurité"},
		{"E\u0301valuation de la se\u0301curite\u0301", "évaluation de la sécurité"}, // NFD → NFC
		{"Ｆｕｌｌｗｉｄｔｈ", "fullwidth"},                                                   // NFKC
		{"ΑΣΦΑΛΕΙΑ Δικτύων", "ασφαλεια δικτύων"},
		{"Сертификация", "сертификация"},
		{"Żółć", "żółć"},
		{"", ""},
		{"— ! —", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Key(tt.heading), tt.heading)
	}
}
