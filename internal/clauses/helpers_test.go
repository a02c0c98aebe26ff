package clauses

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// outline renders the clause tree one clause a line: indentation by level, number, heading.
func outline(roots []*Clause) string {
	var b strings.Builder
	Walk(roots, func(c, _ *Clause) {
		fmt.Fprintf(&b, "%s%s %s\n", strings.Repeat("  ", c.Level-1), c.Number, c.Heading)
	})
	return b.String()
}

// dedent trims a raw-string outline written indented in a test table.
func dedent(s string) string {
	lines := strings.Split(strings.TrimRight(strings.TrimLeft(s, "\n"), "\n\t"), "\n")
	indent := len(lines[0]) - len(strings.TrimLeft(lines[0], "\t"))
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, strings.Repeat("\t", indent))
	}
	return strings.Join(lines, "\n") + "\n"
}

func mustParse(t testing.TB, md string) *Document {
	t.Helper()
	d, err := Parse([]byte(md))
	require.NoError(t, err)
	return d
}

func sample(t testing.TB, name string) *Document {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	return mustParse(t, string(b))
}

// render writes a document back as Markdown, one '#' per level below the title.
func render(d *Document) string {
	var b strings.Builder
	if d.Title != "" {
		fmt.Fprintf(&b, "# %s\n\n", d.Title)
	}
	if d.Preamble != "" {
		b.WriteString(d.Preamble + "\n\n")
	}
	Walk(d.Clauses, func(c, _ *Clause) {
		fmt.Fprintf(&b, "%s %s %s\n\n", strings.Repeat("#", c.Level+1), c.Number, c.Heading)
		if c.Body != "" {
			b.WriteString(c.Body + "\n\n")
		}
	})
	return b.String()
}
