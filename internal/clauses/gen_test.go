package clauses

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// vocabulary for generated drafts, with a few non-Latin words.
var genWords = strings.Fields(`the provider shall maintain information security policy approved by management
body reviewed least once every twelve months assign responsibility service named role keep assignment
current personnel privileged access customer environments screened before appointment proportion risks
accordance applicable national law évaluation sécurité Überprüfung zertifizierung πιστοποίηση ασφάλεια
сертификация сигурност łańcuch dostaw kibernetinis saugumas küberturvalisus kyberturvallisuus`)

// genDraft writes a draft with chapters × sections × clauses numbered headings, each clause
// with a body of about words words.
func genDraft(r *rand.Rand, chapters, sections, clauses, words int) string {
	var b strings.Builder
	b.WriteString("# Generated draft\n\nPreamble.\n\n")
	for c := 1; c <= chapters; c++ {
		fmt.Fprintf(&b, "## %d Chapter %s %d\n\n", c, genWords[r.IntN(len(genWords))], c)
		for s := 1; s <= sections; s++ {
			fmt.Fprintf(&b, "### %d.%d Section %s %d.%d\n\n", c, s, genWords[r.IntN(len(genWords))], c, s)
			for k := 1; k <= clauses; k++ {
				fmt.Fprintf(&b, "#### %d.%d.%d Requirement %d-%d-%d\n\n", c, s, k, c, s, k)
				genBody(&b, r, words)
			}
		}
	}
	return b.String()
}

func genBody(b *strings.Builder, r *rand.Rand, words int) {
	for i := 0; i < words; i++ {
		b.WriteString(genWords[r.IntN(len(genWords))])
		switch {
		case i == words-1:
			b.WriteString(".\n\n")
		case i%12 == 11:
			b.WriteString("\n")
		default:
			b.WriteString(" ")
		}
	}
}

// genText returns n random words separated by spaces.
func genText(r *rand.Rand, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = genWords[r.IntN(len(genWords))]
	}
	return strings.Join(ws, " ")
}

// editWords replaces about one word in every `every` of text.
func editWords(r *rand.Rand, text string, every int) string {
	ws := strings.Split(text, " ")
	for i := range ws {
		if r.IntN(every) == 0 {
			ws[i] = "edited"
		}
	}
	return strings.Join(ws, " ")
}
