package draft

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func load(t *testing.T, name string) *Document {
	t.Helper()
	src, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	doc, err := Parse(src)
	require.NoError(t, err)
	return doc
}

func numbers(clauses []*Clause) []string {
	var out []string
	for _, c := range Flatten(clauses) {
		out = append(out, c.Number)
	}
	return out
}

func TestParseSampleV03(t *testing.T) {
	doc := load(t, "draft-scheme-mss-v0.3.md")
	assert.Equal(t, "Candidate Cybersecurity Certification Scheme for Managed Security Services — Draft v0.3", doc.Title)
	assert.Contains(t, doc.Preamble, "This sample draft exists")
	assert.Equal(t, []string{
		"1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "3", "3.1", "3.1.1", "3.1.2", "3.2", "3.2.1", "3.2.2",
		"3.3", "3.3.1", "3.3.2", "3.3.3", "3.4", "3.4.1", "3.4.2", "3.5", "4", "4.1", "4.2", "5", "5.1", "5.2", "5.3",
		"Annex A", "Annex B",
	}, numbers(doc.Clauses))
	c := Flatten(doc.Clauses)[19]
	assert.Equal(t, "3.4.1", c.Number)
	assert.Equal(t, "Notification to the customer", c.Heading)
	assert.Contains(t, c.Body, "within 24 hours")
	assert.Equal(t, 3, c.Level)
	annex := doc.Clauses[len(doc.Clauses)-2]
	assert.Equal(t, "Annex A", annex.Number)
	assert.Equal(t, "Mapping to related standards", annex.Heading)
}

func TestParseNumbersByPositionWhenHeadingsCarryNone(t *testing.T) {
	doc, err := Parse([]byte("# Title\n\n## Scope\ntext\n### Devices\nmore\n### Services\n## Terms\n"))
	require.NoError(t, err)
	assert.Equal(t, "Title", doc.Title)
	assert.Equal(t, []string{"1", "1.1", "1.2", "2"}, numbers(doc.Clauses))
	assert.Equal(t, "text", doc.Clauses[0].Body)
}

func TestParseNumberForms(t *testing.T) {
	tests := map[string][2]string{
		"3.4.1 Notification":         {"3.4.1", "Notification"},
		"3. Scope":                   {"3", "Scope"},
		"3) Scope":                   {"3", "Scope"},
		"3.4.1. Notification":        {"3.4.1", "Notification"},
		"Annex A Mapping":            {"Annex A", "Mapping"},
		"Annex A - Mapping":          {"Annex A", "Mapping"},
		"Annex A: Mapping":           {"Annex A", "Mapping"},
		"Annex IV — Forms":           {"Annex IV", "Forms"},
		"A.1 Test cases":             {"A.1", "Test cases"},
		"Analysis of risks":          {"", "Analysis of risks"},
		"Annexes and other material": {"", "Annexes and other material"},
	}
	for in, want := range tests {
		n, h, _ := splitNumber(in)
		assert.Equal(t, want, [2]string{n, h}, in)
	}
}

func TestParseErrorsSayWhatAndWhere(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", "  \n\n", "empty"},
		{"no headings", "just text\nand more", "no headings"},
		{"not UTF-8", "## 1 A\nok\n\xff\xfe", "not valid UTF-8"},
		{"duplicate numbers", "## 1 A\n## 2 B\n## 1 C\n", "clause number 1 is used twice (lines 1 and 3)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src))
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Contains(t, pe.Error(), tc.want)
		})
	}
}

func TestParseIgnoresHeadingsInCodeAndKeepsTextExactly(t *testing.T) {
	src := "\xef\xbb\xbf## 1 Κείμενο\r\nΕλληνικά, ąčęėįšųūž, кириллица 🙂\r\n```\n# not a heading\n```\n## 2 Next\n"
	doc, err := Parse([]byte(src))
	require.NoError(t, err)
	require.Len(t, doc.Clauses, 2)
	assert.Equal(t, "Κείμενο", doc.Clauses[0].Heading)
	assert.Equal(t, "Ελληνικά, ąčęėįšųūž, кириллица 🙂\n```\n# not a heading\n```", doc.Clauses[0].Body)
}

func TestParseLargeDocument(t *testing.T) {
	var sb strings.Builder
	for i := 1; i <= 10000; i++ {
		sb.WriteString("## Clause heading number ")
		sb.WriteString(strings.Repeat("x", i%7))
		sb.WriteString("\n\n")
		sb.WriteString(strings.Repeat("The provider shall do what is required. ", 12))
		sb.WriteString("\n\n")
	}
	doc, err := Parse([]byte(sb.String()))
	require.NoError(t, err)
	assert.Len(t, doc.Clauses, 10000)
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("# T\n## 1 A\ntext\n### 1.1 B\n## Annex A X\n"))
	f.Add([]byte("```\n## x\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := Parse(src)
		if err == nil {
			Diff(doc.Clauses, doc.Clauses)
		}
	})
}
