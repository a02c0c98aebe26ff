package export

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSafeCell(t *testing.T) {
	tests := map[string]string{
		"=1+1":           "'=1+1",
		"+49 30 1234":    "'+49 30 1234",
		"-2":             "'-2",
		"@SUM(A1)":       "'@SUM(A1)",
		"\tindent":       "'\tindent",
		"\rx":            "'\rx",
		"plain text":     "plain text",
		"":               "",
		"a=b":            "a=b",
		"Ελληνικά = ναι": "Ελληνικά = ναι",
	}
	for in, want := range tests {
		assert.Equal(t, want, SafeCell(in), in)
	}
}

func TestWritersStream(t *testing.T) {
	for format := range Formats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := New(format, &buf, []string{"a", "b"})
			require.NoError(t, err)
			require.NoError(t, w.Row([]string{"=cmd|' /C calc'!A0", "zażółć"}))
			require.NoError(t, w.Close())
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
	_, err := New("pdf", &bytes.Buffer{}, nil)
	assert.Error(t, err)
}
