// Package export writes a consultation's comments as a file: a head describing the consultation,
// then one row of text cells per comment under named columns, streamed row by row, with every
// spreadsheet cell safe against formula injection.
package export

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Format is a file format an export can take: its media type, file extension and writer.
type Format struct {
	MediaType, Ext string
	New            func(w io.Writer, h Head, columns []Column) (Writer, error)
	// Summarised formats show Head.Summary, which costs a count of the comments per dimension.
	Summarised bool
	// MaxRows is the most comments a file of the format holds (0: any number).
	MaxRows int
}

// Formats is the table of formats an export can take, by the name the API and command line use.
var Formats = map[string]Format{
	"csv":  {"text/csv; charset=utf-8", ".csv", newCSV, false, 0},
	"json": {"application/json", ".json", newJSON, false, 0},
	// A sheet has 1,048,576 rows, the first of them the headings.
	"xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", newXLSX, true, excelize.TotalRows - 1},
	// A report laid out in full by package pdf (which reads models, so it cannot be a Writer here):
	// New is nil, and the handler and the command line hand it to pdf.Render.
	"pdf": {"application/pdf", ".pdf", nil, false, 0},
}

// Writer takes the rows of an export, one cell per column, and ends the file on Close.
type Writer interface {
	Row(cells []string) error
	Close() error
}

// discarder is a Writer holding resources (the XLSX's writing goroutine) that must be released when
// the file is abandoned half-way rather than closed.
type discarder interface{ Discard() error }

// Column is one column of an export: Key names it in CSV and JSON, Heading in spreadsheets, Width
// is its spreadsheet width in characters.
type Column struct {
	Key, Heading string
	Width        float64
}

// Head is what an export says about itself before its comments.
type Head struct {
	Consultation Consultation `json:"consultation"`
	Document     Document     `json:"document"`
	Scope        string       `json:"scope"`
	GeneratedAt  time.Time    `json:"generated_at"`
	// Summary counts the exported comments (the spreadsheet's Summary sheet); not in the JSON head.
	Summary Summary `json:"-"`
}

// Consultation describes the consultation an export comes from.
type Consultation struct {
	ID                string     `json:"id"`
	Title             string     `json:"title"`
	Scheme            string     `json:"scheme"`
	OpensAt           time.Time  `json:"opens_at"`
	ClosesAt          time.Time  `json:"closes_at"`
	ReportPublishedAt *time.Time `json:"report_published_at"`
}

// Document describes the draft the consultation is on.
type Document struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Version string `json:"version"`
}

// Summary is the total and the tallies of the exported comments along some dimensions.
type Summary struct {
	Total   int
	Tallies []Tally
}

// Tally counts comments by the values of one dimension (Title, such as "By country").
type Tally struct {
	Title  string
	Counts map[string]int
}

// Stream writes a whole export of format to w: the head, every row each gives to its callback, and
// the end, writing as the rows come: no writer keeps the rows in memory or in a temporary file.
// Whatever happens, also when each fails (a database error, a client gone), the writer has let go
// of everything it held when Stream returns.
func Stream(format string, w io.Writer, h Head, columns []Column, each func(row func(cells []string) error) error) error {
	f, ok := Formats[format]
	if !ok || f.New == nil {
		return fmt.Errorf("export: %q is not a streamed format", format)
	}
	// Written in 64 KiB pieces: at a 4 KiB buffer, writing to the socket cost a fifth of a large
	// export's CPU.
	bw := bufio.NewWriterSize(w, streamBuffer)
	ew, err := f.New(bw, h, columns)
	if err != nil {
		return err
	}
	if err := each(ew.Row); err != nil {
		if d, ok := ew.(discarder); ok {
			_ = d.Discard()
		}
		return err
	}
	if err := ew.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

// streamBuffer is the size of the pieces Stream writes.
const streamBuffer = 64 << 10

// formulaStarts are the characters that make a spreadsheet read a cell as a formula: the ASCII
// =, +, -, @ and their full-width forms, which some spreadsheet programs fold to ASCII.
const formulaStarts = "=+-@\uff1d\uff0b\uff0d\uff20"

// SafeCell neutralises a CSV cell a spreadsheet could read as a formula by prefixing an apostrophe,
// as OWASP recommends: a cell that starts with a tab, carriage return or line feed, or whose first
// character after any leading white space is one of formulaStarts. XLSX cells need no prefix: they
// are written typed as text, which no spreadsheet evaluates.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	if strings.ContainsRune("\t\r\n", rune(s[0])) {
		return "'" + s
	}
	if first, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(s, unicode.IsSpace)); strings.ContainsRune(formulaStarts, first) {
		return "'" + s
	}
	return s
}

// FormatNames lists the names of Formats, sorted.
func FormatNames() []string {
	names := make([]string, 0, len(Formats))
	for name := range Formats {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}
