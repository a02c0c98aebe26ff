package neardup

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNormalise(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"only punctuation", " !?… — «»\t\n", ""},
		{"case and punctuation", "Hello, World!!", "hello world"},
		{"whitespace collapsed", "  a\t\n  b \r\n c  ", "a b c"},
		{"no-break and zero-width space", "a\u00a0b\u200bc", "a b c"},
		{"numbers kept, dots split", "Clause 3.4(b), 2024", "clause 3 4 b 2024"},
		{"hyphen and apostrophe", "twenty-four l'article don't", "twenty four l article don t"},
		{"French accents", "Élément ÉTÉ à côté", "element ete a cote"},
		{"German umlaut and sharp s", "Ärger STRASSE Straße", "arger strasse strasse"},
		{"Polish", "Łódź, ZAŻÓŁĆ gęślą jaźń", "łodz zazołc gesla jazn"},
		{"Czech and Romanian", "Příliš ȘCOALĂ țară", "prilis scoala tara"},
		{"Latvian and Irish", "Mārtiņš Siobhán", "martins siobhan"},
		{"Turkish dotted capital I", "İstanbul", "istanbul"},
		{"Greek with final sigma", "ΟΔΗΓΊΑ για τους Πολίτες", "οδηγια για τουσ πολιτεσ"},
		{"Greek final sigma equals capital", "ΣΑΣ", "σασ"},
		{"Cyrillic (Bulgarian)", "Уважаеми колеги, Схемата!", "уважаеми колеги схемата"},
		{"Cyrillic yo and short i", "Ёлка ЙОД", "елка иод"},
		{"full-width forms", "ＡＢＣ１２３", "abc123"},
		{"ligature", "ﬁnance ﬂow", "finance flow"},
		{"symbols and emoji", "I ❤ the EU 🇪🇺 + ©", "i the eu"},
		{"invalid UTF-8 separates", "ab\xffcd\xf5ŗ", "ab cd r"},
		{"mixed scripts", "Cloud-Schema/σχήμα/схема", "cloud schema σχημα схема"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Normalise(tc.in)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, got, Normalise(got), "idempotent")
		})
	}
}

func TestNormaliseEquatesRetypedLetters(t *testing.T) {
	pairs := [][2]string{
		{"Ελπίζουμε ότι ο Οργανισμός θα λάβει υπόψη τις παρατηρήσεις μας.", "ΕΛΠΙΖΟΥΜΕ ΟΤΙ Ο ΟΡΓΑΝΙΣΜΟΣ ΘΑ ΛΑΒΕΙ ΥΠΟΨΗ ΤΙΣ ΠΑΡΑΤΗΡΗΣΕΙΣ ΜΑΣ"},
		{"Nous demandons la suppression des critères de souveraineté.", "nous demandons la suppression des criteres de souverainete"},
		{"Молим агенцията да удължи преходния период.", "молим агенцията  да удължи преходния период!!!"},
	}
	for _, p := range pairs {
		assert.Equal(t, Normalise(p[0]), Normalise(p[1]))
	}
}
