package export

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSafeCell(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"equals", "=1+1", "'=1+1"},
		{"plus", "+49 30 1234", "'+49 30 1234"},
		{"minus", "-2", "'-2"},
		{"at", "@SUM(A1)", "'@SUM(A1)"},
		{"leading tab", "\tindent", "'\tindent"},
		{"leading carriage return", "\rx", "'\rx"},
		{"leading line feed", "\n=1+1", "'\n=1+1"},
		{"leading line feed before text", "\nplain", "'\nplain"},
		{"space before equals", " =HYPERLINK(\"http://evil\")", "' =HYPERLINK(\"http://evil\")"},
		{"spaces before plus", "   +1", "'   +1"},
		{"space before minus", " -2", "' -2"},
		{"space before at", " @SUM(A1)", "' @SUM(A1)"},
		{"no-break space before equals", "\u00a0=1", "'\u00a0=1"},
		{"spaces and tab before equals", "  \t=1", "'  \t=1"},
		{"full-width equals", "\uff1dHYPERLINK(\"http://evil\")", "'\uff1dHYPERLINK(\"http://evil\")"},
		{"full-width plus", "\uff0b1", "'\uff0b1"},
		{"full-width minus", "\uff0d1", "'\uff0d1"},
		{"full-width at", "\uff20SUM(A1)", "'\uff20SUM(A1)"},
		{"space before full-width equals", " \uff1d1", "' \uff1d1"},
		{"plain text", "plain text", "plain text"},
		{"empty", "", ""},
		{"only spaces", "   ", "   "},
		{"equals inside", "a=b", "a=b"},
		{"space before text", " a=b", " a=b"},
		{"greek", "Ελληνικά = ναι", "Ελληνικά = ναι"},
		{"full-width inside", "a\uff1db", "a\uff1db"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, SafeCell(tc.in))
		})
	}
}

func TestWritersStream(t *testing.T) {
	cols := []Column{{Key: "a", Heading: "A", Width: 10}, {Key: "b", Heading: "B", Width: 20}}
	for format := range Formats {
		if format == "pdf" {
			continue // a report laid out by package pdf, not a Writer (New refuses it below)
		}
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			err := Stream(format, &buf, Head{Scope: "public"}, cols, func(row func([]string) error) error {
				return row([]string{"=cmd|' /C calc'!A0", "zażółć"})
			})
			require.NoError(t, err)
			assert.NotEmpty(t, buf.Bytes())
			switch format {
			case "csv":
				assert.Contains(t, buf.String(), "zażółć")
				assert.Contains(t, buf.String(), "'=cmd", "spreadsheet cells are neutralised")
			case "json":
				assert.Contains(t, buf.String(), `"=cmd`, "JSON is data: kept as written")
			}
		})
	}
	assert.Error(t, Stream("nope", &bytes.Buffer{}, Head{}, nil, nil))
	assert.Error(t, Stream("pdf", &bytes.Buffer{}, Head{}, nil, nil))
}
