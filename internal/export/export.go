// Package export writes tables of text as CSV, JSON or XLSX, streaming row by row, with every
// cell made safe against spreadsheet formula injection.
package export

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Formats an export can take, with their media types and file extensions.
var Formats = map[string]struct{ MediaType, Ext string }{
	"csv":  {"text/csv; charset=utf-8", ".csv"},
	"json": {"application/json", ".json"},
	"xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"},
	"pdf":  {"application/pdf", ".pdf"}, // laid out by package pdf, not a Writer
}

// Writer takes rows of cells under a header.
type Writer interface {
	Row(cells []string) error
	Close() error
}

// New starts a writer of format on w with the column names.
func New(format string, w io.Writer, columns []string) (Writer, error) {
	switch format {
	case "csv":
		return newCSV(w, columns)
	case "json":
		return &jsonWriter{w: w, columns: columns}, nil
	case "xlsx":
		return newXLSX(w, columns)
	default:
		return nil, fmt.Errorf("export: unknown format %q", format)
	}
}

// formulaStarts are the characters that make a spreadsheet read a cell as a formula: the ASCII
// =, +, -, @ and their full-width forms, which some spreadsheet programs fold to ASCII.
const formulaStarts = "=+-@\uff1d\uff0b\uff0d\uff20"

// SafeCell neutralises a cell a spreadsheet could read as a formula by prefixing an apostrophe, as
// OWASP recommends: a cell that starts with a tab, carriage return or line feed, or whose first
// character after any leading white space is one of formulaStarts.
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

type csvWriter struct{ w *csv.Writer }

func newCSV(w io.Writer, columns []string) (*csvWriter, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil { // a BOM so that spreadsheet programs read UTF-8
		return nil, err
	}
	cw := &csvWriter{w: csv.NewWriter(w)}
	return cw, cw.w.Write(columns)
}

func (c *csvWriter) Row(cells []string) error {
	safe := make([]string, len(cells))
	for i, s := range cells {
		safe[i] = SafeCell(s)
	}
	return c.w.Write(safe)
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}

type jsonWriter struct {
	w       io.Writer
	columns []string
	n       int
}

func (j *jsonWriter) Row(cells []string) error {
	obj := make(map[string]string, len(cells))
	for i, s := range cells {
		obj[j.columns[i]] = s
	}
	b, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	sep := ",\n"
	if j.n == 0 {
		sep = "{\"items\":[\n"
	}
	j.n++
	_, err = io.WriteString(j.w, sep+string(b))
	return err
}

func (j *jsonWriter) Close() error {
	end := "\n]}\n"
	if j.n == 0 {
		end = "{\"items\":[]}\n"
	}
	_, err := io.WriteString(j.w, end)
	return err
}

type xlsxWriter struct {
	out io.Writer
	f   *excelize.File
	sw  *excelize.StreamWriter
	row int
}

func newXLSX(w io.Writer, columns []string) (*xlsxWriter, error) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return nil, err
	}
	x := &xlsxWriter{out: w, f: f, sw: sw, row: 1}
	return x, x.Row(columns)
}

func (x *xlsxWriter) Row(cells []string) error {
	vals := make([]any, len(cells))
	for i, s := range cells {
		vals[i] = SafeCell(s)
	}
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	x.row++
	return x.sw.SetRow(cell, vals)
}

func (x *xlsxWriter) Close() error {
	if err := x.sw.Flush(); err != nil {
		return err
	}
	_, err := x.f.WriteTo(x.out)
	return err
}
