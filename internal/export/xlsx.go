package export

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// The sheets of an XLSX export.
const (
	CommentsSheet = "Comments"
	SummarySheet  = "Summary"
	AboutSheet    = "About"
)

// xlsxWriter writes the standards layout: a Comments sheet (human headings, frozen header row,
// filters, wrapped text, set widths) and a Summary and an About sheet. Every cell is written typed
// as text (an inline string), which no spreadsheet evaluates as a formula, so cells starting with
// a sign are kept exactly as written, with no apostrophe.
//
// The file is streamed: excelize lays out the workbook around the Comments sheet's heading row
// and writes the zip straight to the output on a goroutine of its own, which waits at the end of
// that sheet's data while Row writes each comment's row into the same zip entry (rowsZip). So the
// file starts before the first comment is read, memory holds only the row being written and the
// compressor's buffers whatever the number of comments, and nothing goes to disk. Close lets
// excelize finish the file; Discard stops it.
type xlsxWriter struct {
	head      Head
	f         *excelize.File
	z         *rowsZip
	rows      *bufio.Writer // the Comments sheet's entry, once excelize has come to it
	cols      []string      // the columns' letters
	wrap, row int           // the data cells' style; the number of the last row written
}

func newXLSX(w io.Writer, h Head, columns []Column) (_ Writer, err error) {
	f := excelize.NewFile()
	defer func() {
		if err != nil {
			_ = f.Close()
		}
	}()
	if err := f.SetSheetName("Sheet1", CommentsSheet); err != nil {
		return nil, err
	}
	x := &xlsxWriter{head: h, f: f, row: 1, cols: make([]string, len(columns))}
	if x.wrap, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	for i, c := range columns {
		if x.cols[i], err = excelize.ColumnNumberToName(i + 1); err != nil {
			return nil, err
		}
		if err := f.SetColWidth(CommentsSheet, x.cols[i], x.cols[i], c.Width); err != nil {
			return nil, err
		}
		if err := f.SetCellStr(CommentsSheet, x.cols[i]+"1", c.Heading); err != nil {
			return nil, err
		}
	}
	last := x.cols[len(x.cols)-1]
	if err := f.SetCellStyle(CommentsSheet, "A1", last+"1", bold); err != nil {
		return nil, err
	}
	if err := f.SetPanes(CommentsSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	// The table's range is set when the rows are known (rowsZip); a table needs a row below its
	// headings.
	placeholder := "A1:" + last + "2"
	if err := f.AddTable(CommentsSheet, &excelize.Table{Range: placeholder, Name: "Comments", StyleName: "TableStyleLight1"}); err != nil {
		return nil, err
	}
	if err := x.summary(); err != nil {
		return nil, err
	}
	if err := x.about(); err != nil {
		return nil, err
	}
	x.z = newRowsZip(w, placeholder)
	// excelize's WriteTo builds the whole zip in a memory buffer first; a zip writer of our own makes
	// it write to the output and leave the buffer empty.
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return x.z })
	go x.z.run(func() error {
		_, err := f.WriteTo(io.Discard)
		return err
	})
	return x, nil
}

// Row writes a comment's row into the Comments sheet, once excelize has come to it.
func (x *xlsxWriter) Row(cells []string) error {
	if x.rows == nil {
		entry, err := x.z.rows()
		if err != nil {
			return err
		}
		x.rows = bufio.NewWriterSize(entry, 32<<10)
	}
	if x.row == excelize.TotalRows { // refused before the answer starts (Format.MaxRows) when the head counts the rows
		return fmt.Errorf("export: an XLSX sheet holds at most %d comments", excelize.TotalRows-1)
	}
	x.row++
	n, style := strconv.Itoa(x.row), strconv.Itoa(x.wrap)
	w := x.rows // a bufio.Writer keeps its first error and returns it from every later write
	_, _ = w.WriteString(`<row r="` + n + `">`)
	for i, cell := range cells {
		_, _ = w.WriteString(`<c r="` + x.cols[i] + n + `" s="` + style + `" t="inlineStr"><is><t xml:space="preserve">`)
		_ = writeCellText(w, cell)
		_, _ = w.WriteString(`</t></is></c>`)
	}
	_, err := w.WriteString(`</row>`)
	return err
}

// Close ends the Comments sheet, its table spanning the rows written, and lets excelize finish the
// file.
func (x *xlsxWriter) Close() error {
	defer x.f.Close()
	if x.rows != nil {
		if err := x.rows.Flush(); err != nil {
			_ = x.z.end("", true)
			return err
		}
	}
	return x.z.end("A1:"+x.cols[len(x.cols)-1]+strconv.Itoa(max(x.row, 2)), false)
}

// Discard abandons the file.
func (x *xlsxWriter) Discard() error {
	defer x.f.Close()
	if err := x.z.end("", true); !errors.Is(err, errAbandoned) {
		return err
	}
	return nil
}

// summary writes the Summary sheet: the total, then each tally, largest counts first.
func (x *xlsxWriter) summary() error {
	rows := [][]any{{"Comments", x.head.Summary.Total}}
	for _, t := range x.head.Summary.Tallies {
		rows = append(rows, nil, []any{t.Title, "Comments"})
		keys := make([]string, 0, len(t.Counts))
		for k := range t.Counts {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(t.Counts[b], t.Counts[a]), cmp.Compare(a, b)) })
		for _, k := range keys {
			rows = append(rows, []any{k, t.Counts[k]})
		}
	}
	return x.sheet(SummarySheet, rows, 36, 12)
}

// about writes the About sheet: where the export comes from and when it was made.
func (x *xlsxWriter) about() error {
	h := x.head
	report := "not published"
	if h.Consultation.ReportPublishedAt != nil {
		report = h.Consultation.ReportPublishedAt.UTC().Format(time.RFC3339)
	}
	return x.sheet(AboutSheet, [][]any{
		{"Consultation", h.Consultation.Title},
		{"Consultation id", h.Consultation.ID},
		{"Scheme", h.Consultation.Scheme},
		{"Draft", h.Document.Title},
		{"Draft version", h.Document.Version},
		{"Window opens (UTC)", h.Consultation.OpensAt.UTC().Format(time.RFC3339)},
		{"Window closes (UTC)", h.Consultation.ClosesAt.UTC().Format(time.RFC3339)},
		{"Disposition report", report},
		{"Scope", h.Scope},
		{"Generated at (UTC)", h.GeneratedAt.UTC().Format(time.RFC3339)},
	}, 24, 60)
}

// sheet adds a small sheet of two columns with their widths, text cells typed as text.
func (x *xlsxWriter) sheet(name string, rows [][]any, widthA, widthB float64) error {
	if _, err := x.f.NewSheet(name); err != nil {
		return err
	}
	if err := x.f.SetColWidth(name, "A", "A", widthA); err != nil {
		return err
	}
	if err := x.f.SetColWidth(name, "B", "B", widthB); err != nil {
		return err
	}
	for i, r := range rows {
		for j, v := range r {
			cell, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				return err
			}
			if s, ok := v.(string); ok {
				err = x.f.SetCellStr(name, cell, s)
			} else {
				err = x.f.SetCellValue(name, cell, v)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}
