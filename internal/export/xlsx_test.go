package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strconv"
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
	err := Stream("xlsx", &buf, sampleHead(), cols, func(row func([]string) error) error {
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
	err := Stream("json", &buf, sampleHead(), cols, func(row func([]string) error) error {
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
	require.NoError(t, Stream("json", &buf, sampleHead(), cols, func(func([]string) error) error { return nil }))
	require.NoError(t, json.Unmarshal(buf.Bytes(), &doc))
	assert.NotNil(t, doc.Comments)
	assert.Empty(t, doc.Comments)
}

// TestXLSXStreamsWithoutTemporaryFiles writes 12,000 rows of 2.4 kB (29 MB of sheet, past what
// excelize's own stream writer keeps in memory) and checks the file is written while the rows come,
// that no temporary file is made (excelize's own stream writer would put one in the system's
// temporary folder), and that an export abandoned half-way ends at once with its error.
func TestXLSXStreamsWithoutTemporaryFiles(t *testing.T) {
	big := strings.Repeat("lorem ipsum ", 200)
	cols := []Column{{Key: "n", Heading: "Number"}, {Key: "c", Heading: "Comment"}}
	for name, fail := range map[string]error{"finished": nil, "abandoned": errors.New("client gone")} {
		t.Run(name, func(t *testing.T) {
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp) // the system's temporary folder, where excelize would put its files
			var out bytes.Buffer
			var writtenBeforeLastRow int
			var tmpFiles []os.DirEntry
			err := Stream("xlsx", &out, sampleHead(), cols, func(row func([]string) error) error {
				for i := 0; i < 12000; i++ {
					if err := row([]string{"X-" + strconv.Itoa(i), big}); err != nil {
						return err
					}
				}
				writtenBeforeLastRow = out.Len()
				tmpFiles, _ = os.ReadDir(tmp)
				return fail
			})
			assert.ErrorIs(t, err, fail)
			assert.Greater(t, writtenBeforeLastRow, 64<<10, "the file went out while the rows came")
			assert.Empty(t, tmpFiles, "no temporary file")
			book, err := excelize.OpenReader(&out)
			if fail != nil {
				assert.Error(t, err, "a file cut short is not readable as a whole one")
				return
			}
			require.NoError(t, err)
			defer book.Close()
			rows, err := book.Rows(CommentsSheet)
			require.NoError(t, err)
			n := 0
			for rows.Next() {
				n++
			}
			require.NoError(t, rows.Close())
			assert.Equal(t, 12001, n, "the heading row and every comment")
			tables, err := book.GetTables(CommentsSheet)
			require.NoError(t, err)
			assert.Equal(t, "A1:B12001", tables[0].Range)
			dimension, err := book.GetSheetDimension(CommentsSheet)
			require.NoError(t, err)
			assert.Empty(t, dimension, "no used range stated rather than one of the heading row alone")
		})
	}
}

// TestXLSXCellsReadBackAsWritten reads back with excelize the texts a spreadsheet's own encoding
// would alter: XML's special characters, its forbidden control characters, white space at either
// end, line breaks, spreadsheet escapes (_xHHHH_), one overlapping another, and a text longer than a
// cell holds. An export without comments is still a workbook with its table.
func TestXLSXCellsReadBackAsWritten(t *testing.T) {
	long := strings.Repeat("é", excelize.TotalCellChars+10)
	cells := []string{"<b> & \"quoted\" 'single'", "  spaced  ", "line\nbreak\r\ntab\t", "_x0041_", "_x0041_x0042_", "_x005F_", "_x12_ _xZZZZ_",
		"bell\a", "😀 Ελληνικά", "", long}
	want := slices.Clone(cells)
	want[7] = "bell\uFFFD"
	want[10] = long[:2*excelize.TotalCellChars]
	cols := make([]Column, len(cells))
	for i := range cols {
		cols[i] = Column{Key: "k" + strconv.Itoa(i), Heading: "Column " + strconv.Itoa(i)}
	}
	var out bytes.Buffer
	require.NoError(t, Stream("xlsx", &out, sampleHead(), cols, func(row func([]string) error) error { return row(cells) }))
	book, err := excelize.OpenReader(&out)
	require.NoError(t, err)
	defer book.Close()
	rows, err := book.GetRows(CommentsSheet)
	require.NoError(t, err)
	require.Len(t, rows, 2)
	for i := range want {
		assert.Equal(t, want[i], rows[1][i], "cell %d", i)
	}

	out.Reset()
	require.NoError(t, Stream("xlsx", &out, sampleHead(), cols[:2], func(func([]string) error) error { return nil }))
	book, err = excelize.OpenReader(&out)
	require.NoError(t, err)
	defer book.Close()
	rows, err = book.GetRows(CommentsSheet)
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"Column 0", "Column 1"}}, rows)
	tables, err := book.GetTables(CommentsSheet)
	require.NoError(t, err)
	assert.Equal(t, "A1:B2", tables[0].Range)
}
