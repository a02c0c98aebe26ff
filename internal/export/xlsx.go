package export

import (
	"archive/zip"
	"cmp"
	"io"
	"slices"
	"time"

	"github.com/xuri/excelize/v2"
)

// The sheets of an XLSX export.
const (
	CommentsSheet = "Comments"
	SummarySheet  = "Summary"
	AboutSheet    = "About"
)

// xlsxWriter writes the standards layout: a Comments sheet streamed row by row (human headings,
// frozen header row, filters, wrapped text, set widths), then a Summary and an About sheet. Every
// cell is written typed as text (an inline string), which no spreadsheet evaluates as a formula, so
// cells starting with a sign are kept exactly as written, with no apostrophe.
//
// The rows wait in excelize's stream file (in Options.TmpDir once past 16 MiB) until Close, which
// writes the zip straight to the output, never to memory, and removes the stream file; Discard
// removes it without writing.
type xlsxWriter struct {
	out        io.Writer
	head       Head
	f          *excelize.File
	sw         *excelize.StreamWriter
	wrap, bold int
	row, cols  int
}

func newXLSX(w io.Writer, h Head, columns []Column, o Options) (_ Writer, err error) {
	f := excelize.NewFile(excelize.Options{TmpDir: o.TmpDir})
	defer func() {
		if err != nil {
			_ = f.Close()
		}
	}()
	if err := f.SetSheetName("Sheet1", CommentsSheet); err != nil {
		return nil, err
	}
	x := &xlsxWriter{out: w, head: h, f: f, row: 1, cols: len(columns)}
	if x.wrap, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return nil, err
	}
	if x.bold, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return nil, err
	}
	if x.sw, err = f.NewStreamWriter(CommentsSheet); err != nil {
		return nil, err
	}
	for i, c := range columns {
		if err := x.sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return nil, err
		}
	}
	if err := x.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	headings := make([]string, len(columns))
	for i, c := range columns {
		headings[i] = c.Heading
	}
	return x, x.write(headings, x.bold)
}

func (x *xlsxWriter) write(cells []string, style int) error {
	vals := make([]any, len(cells))
	for i, s := range cells {
		vals[i] = excelize.Cell{StyleID: style, Value: s}
	}
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	x.row++
	return x.sw.SetRow(cell, vals)
}

func (x *xlsxWriter) Row(cells []string) error { return x.write(cells, x.wrap) }

func (x *xlsxWriter) Close() error {
	defer x.f.Close() // removes the stream's temporary file
	last, err := excelize.CoordinatesToCellName(x.cols, max(x.row-1, 2))
	if err != nil {
		return err
	}
	if err := x.sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: "Comments", StyleName: "TableStyleLight1"}); err != nil {
		return err
	}
	if err := x.sw.Flush(); err != nil {
		return err
	}
	if err := x.summary(); err != nil {
		return err
	}
	if err := x.about(); err != nil {
		return err
	}
	// excelize's WriteTo builds the whole zip in a memory buffer first (hundreds of MB at a million
	// rows); a zip writer on the output makes it write there directly and leave the buffer empty.
	x.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(x.out) })
	_, err = x.f.WriteTo(io.Discard)
	return err
}

// Discard abandons the file, removing its temporary files.
func (x *xlsxWriter) Discard() error { return x.f.Close() }

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
