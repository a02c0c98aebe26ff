package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

func sampleHead() Head {
	return Head{
		Consultation: Consultation{ID: "c1", Title: "=Cloud scheme", Scheme: "EUCS", OpensAt: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), ClosesAt: time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)},
		Document:     Document{ID: "d1", Title: "Draft", Version: "v2"},
		Scope:        "public",
		GeneratedAt:  time.Date(2027, 3, 2, 10, 0, 0, 0, time.UTC),
		Summary:      Summary{Total: 2, Tallies: []Tally{{Title: "By country", Counts: map[string]int{"BE": 1, "EL": 1}}}},
	}
}

func TestXLSXStandardsLayoutKeepsSignsAsText(t *testing.T) {
	var buf bytes.Buffer
	cols := []Column{{Key: "n", Heading: "Number", Width: 22}, {Key: "c", Heading: "Comment", Width: 60}}
	err := Stream("xlsx", &buf, sampleHead(), cols, Options{TmpDir: t.TempDir()}, func(row func([]string) error) error {
		if err := row([]string{"X-1", "=HYPERLINK(\"http://evil\")"}); err != nil {
			return err
		}
		return row([]string{"X-2", "-2 hours, Ελληνικά, български"})
	})
	require.NoError(t, err)
	book, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer book.Close()
	assert.Equal(t, []string{CommentsSheet, SummarySheet, AboutSheet}, book.GetSheetList())
	rows, err := book.GetRows(CommentsSheet)
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"Number", "Comment"}, {"X-1", "=HYPERLINK(\"http://evil\")"}, {"X-2", "-2 hours, Ελληνικά, български"}}, rows, "no apostrophe added")
	typ, err := book.GetCellType(CommentsSheet, "B2")
	require.NoError(t, err)
	assert.Equal(t, excelize.CellTypeInlineString, typ, "a text cell, never evaluated")
	formula, err := book.GetCellFormula(CommentsSheet, "B2")
	require.NoError(t, err)
	assert.Empty(t, formula)
	panes, err := book.GetPanes(CommentsSheet)
	require.NoError(t, err)
	assert.True(t, panes.Freeze)
	assert.Equal(t, 1, panes.YSplit, "the header row is frozen")
	tables, err := book.GetTables(CommentsSheet)
	require.NoError(t, err)
	require.Len(t, tables, 1, "the filters")
	assert.Equal(t, "A1:B3", tables[0].Range)
	width, err := book.GetColWidth(CommentsSheet, "B")
	require.NoError(t, err)
	assert.Equal(t, 60.0, width)
	style, err := book.GetCellStyle(CommentsSheet, "B2")
	require.NoError(t, err)
	st, err := book.GetStyle(style)
	require.NoError(t, err)
	assert.True(t, st.Alignment.WrapText)

	summary, err := book.GetRows(SummarySheet)
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"Comments", "2"}, nil, {"By country", "Comments"}, {"BE", "1"}, {"EL", "1"}}, summary)
	about, err := book.GetRows(AboutSheet)
	require.NoError(t, err)
	assert.Contains(t, about, []string{"Consultation", "=Cloud scheme"})
	assert.Contains(t, about, []string{"Draft version", "v2"})
	assert.Contains(t, about, []string{"Scope", "public"})
	assert.Contains(t, about, []string{"Generated at (UTC)", "2027-03-02T10:00:00Z"})
	assert.Contains(t, about, []string{"Window closes (UTC)", "2027-03-01T00:00:00Z"})
}

func TestJSONIsOneDocumentWithItsHead(t *testing.T) {
	var buf bytes.Buffer
	cols := []Column{{Key: "tracking_number"}, {Key: "comment"}}
	err := Stream("json", &buf, sampleHead(), cols, Options{}, func(row func([]string) error) error {
		if err := row([]string{"X-1", "=1+1 <b>"}); err != nil {
			return err
		}
		return row([]string{"X-2", "Ελληνικά"})
	})
	require.NoError(t, err)
	var doc struct {
		Consultation map[string]any      `json:"consultation"`
		Document     map[string]any      `json:"document"`
		Scope        string              `json:"scope"`
		GeneratedAt  time.Time           `json:"generated_at"`
		Comments     []map[string]string `json:"comments"`
	}
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&doc))
	assert.Equal(t, "=Cloud scheme", doc.Consultation["title"])
	assert.Equal(t, "v2", doc.Document["version"])
	assert.Equal(t, "public", doc.Scope)
	assert.Equal(t, []map[string]string{{"tracking_number": "X-1", "comment": "=1+1 <b>"}, {"tracking_number": "X-2", "comment": "Ελληνικά"}}, doc.Comments)

	buf.Reset()
	require.NoError(t, Stream("json", &buf, sampleHead(), cols, Options{}, func(func([]string) error) error { return nil }))
	require.NoError(t, json.Unmarshal(buf.Bytes(), &doc))
	assert.NotNil(t, doc.Comments)
	assert.Empty(t, doc.Comments)
}

// TestXLSXLeavesNoTemporaryFile streams rows past excelize's 16 MiB memory buffer, so that its
// stream goes to a file in TmpDir, and checks the folder is empty after a finished export and after
// one abandoned half-way (a database error, a client gone).
func TestXLSXLeavesNoTemporaryFile(t *testing.T) {
	big := strings.Repeat("lorem ipsum ", 200)
	rows := func(fail error) func(row func([]string) error) error {
		return func(row func([]string) error) error {
			for i := 0; i < 12000; i++ {
				if err := row([]string{"X", big}); err != nil {
					return err
				}
			}
			return fail
		}
	}
	cols := []Column{{Key: "n", Heading: "Number"}, {Key: "c", Heading: "Comment"}}
	for name, fail := range map[string]error{"finished": nil, "abandoned": errors.New("client gone")} {
		t.Run(name, func(t *testing.T) {
			tmp := t.TempDir()
			var seen int
			err := Stream("xlsx", &bytes.Buffer{}, sampleHead(), cols, Options{TmpDir: tmp}, func(row func([]string) error) error {
				err := rows(fail)(row)
				entries, _ := os.ReadDir(tmp)
				seen = len(entries)
				return err
			})
			assert.ErrorIs(t, err, fail)
			assert.Positive(t, seen, "the stream went to a temporary file")
			entries, err := os.ReadDir(tmp)
			require.NoError(t, err)
			assert.Empty(t, entries, "no temporary file left behind")
		})
	}
}
