package clauses

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want []Problem
	}{
		{"empty", "", []Problem{{Code: CodeEmpty, Message: "the draft is empty"}}},
		{"white space", " \n\t\r\n ", []Problem{{Code: CodeEmpty, Message: "the draft is empty"}}},
		{"only a byte order mark", "\ufeff", []Problem{{Code: CodeEmpty, Message: "the draft is empty"}}},
		{"invalid UTF-8", "## 1 A\n\nok\n\xff\xfe", []Problem{{Code: CodeInvalidUTF8, Line: 4, Offset: 11,
			Message: "the draft is not valid UTF-8 text: byte offset 11 holds 0xff; save the file as UTF-8"}}},
		{"Latin-1 after a BOM", "\ufeff## 1 S\xe9curit\xe9\n", []Problem{{Code: CodeInvalidUTF8, Line: 1, Offset: 9,
			Message: "the draft is not valid UTF-8 text: byte offset 9 holds 0xe9; save the file as UTF-8"}}},
		{"CR line endings", "## 1 A\r\rok\r\xff", []Problem{{Code: CodeInvalidUTF8, Line: 4, Offset: 11,
			Message: "the draft is not valid UTF-8 text: byte offset 11 holds 0xff; save the file as UTF-8"}}},
		{"CRLF line endings", "## 1 A\r\n\r\nok\r\n\xff", []Problem{{Code: CodeInvalidUTF8, Line: 4, Offset: 14,
			Message: "the draft is not valid UTF-8 text: byte offset 14 holds 0xff; save the file as UTF-8"}}},
		{"truncated sequence", "## 1 A\n\xe2\x82", []Problem{{Code: CodeInvalidUTF8, Line: 2, Offset: 7,
			Message: "the draft is not valid UTF-8 text: byte offset 7 holds 0xe2; save the file as UTF-8"}}},
	}
	noHeadings := `the draft has no headings; clauses are made from Markdown headings such as "## 3.4 Incident handling"`
	for _, md := range []string{"just text", "```\n# code\n```\n", "> # quoted\n", "- # listed\n", "#hashtag\n", "    # indented\n", "<!--\n# x\n-->\n"} {
		tests = append(tests, struct {
			name string
			md   string
			want []Problem
		}{"no headings: " + md, md, []Problem{{Code: CodeNoHeadings, Message: noHeadings}}})
	}
	tests = append(tests, []struct {
		name string
		md   string
		want []Problem
	}{
		{"duplicate numbers", "## 1 A\n## 2 B\n### 2.1 C\n## 2 D\n### 2.1 E\n", []Problem{
			{Code: CodeDuplicateNumber, Line: 4, Message: "clause number 2 is used twice, at lines 2 and 4"},
			{Code: CodeDuplicateNumber, Line: 5, Message: "clause number 2.1 is used twice, at lines 3 and 5"},
		}},
		{"duplicate annexes in any case", "## Annex A Mapping\n\ntext\n\n## ANNEX A: Other\n", []Problem{
			{Code: CodeDuplicateNumber, Line: 5, Message: "clause number Annex A is used twice, at lines 1 and 5"},
		}},
		{"duplicate after a title, lines counted from the file's start", "\ufeff# T\r\n\r\n## 3 A\r\n## 3 B\r\n", []Problem{
			{Code: CodeDuplicateNumber, Line: 4, Message: "clause number 3 is used twice, at lines 3 and 4"},
		}},
	}...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse([]byte(tt.md))
			require.Error(t, err)
			assert.Nil(t, d)
			assert.ErrorIs(t, err, ErrInvalidDraft)
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tt.want, pe.Problems)
			assert.True(t, pe.Has(tt.want[0].Code))
		})
	}
}

func TestParseTooLarge(t *testing.T) {
	_, err := Parse(make([]byte, MaxBytes+1))
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.True(t, pe.Has(CodeTooLarge))
	assert.False(t, pe.Has(CodeEmpty))
}

func TestParseTooManyClauses(t *testing.T) {
	_, err := Parse([]byte("# Title\n" + strings.Repeat("## x\n", MaxClauses)))
	require.NoError(t, err, "the title does not count")
	_, err = Parse([]byte(strings.Repeat("## x\n", MaxClauses+1)))
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, []Problem{{Code: CodeTooManyClauses, Message: "the draft has 50001 clauses; at most 50000 are accepted"}}, pe.Problems)
}

func TestManyDuplicatesAreBounded(t *testing.T) {
	md := strings.Repeat("## 1 Same\n", 200)
	_, err := Parse([]byte(md))
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	require.Len(t, pe.Problems, maxProblems+1)
	assert.Equal(t, Problem{Code: CodeDuplicateNumber, Message: "149 more clause numbers are used twice"}, pe.Problems[maxProblems])
}

func TestParseErrorRendering(t *testing.T) {
	pe := &ParseError{Problems: []Problem{
		{Code: CodeDuplicateNumber, Line: 4, Message: "clause number 2 is used twice, at lines 2 and 4"},
		{Code: CodeEmpty, Message: "the draft is empty"},
	}}
	assert.Equal(t, "clauses: line 4: clause number 2 is used twice, at lines 2 and 4; the draft is empty", pe.Error())
	assert.Equal(t, []FieldError{
		{Field: "markdown", Message: "line 4: clause number 2 is used twice, at lines 2 and 4"},
		{Field: "markdown", Message: "the draft is empty"},
	}, pe.FieldErrors("markdown"))

	wrapped := fmt.Errorf("import: %w", pe)
	assert.ErrorIs(t, wrapped, ErrInvalidDraft)
	assert.NotErrorIs(t, errors.New("other"), ErrInvalidDraft)
}
