// Package pdf lays a consultation's comments out as a printable PDF report: a cover, a table of
// contents, the summary with bar charts drawn as vector graphics, then clause by clause each
// comment with, where the layout allows, its resolution and response. Text is set in the embedded
// Noto Sans, so Latin with every diacritic, Greek and Cyrillic render.
//
// fpdf keeps a whole document in memory, so a report prints at most MaxComments comments: the
// first ones in clause order, chosen from a stream of any length while holding at most that many
// rows. A longer consultation's report says so on its cover and where the comments begin; the CSV,
// JSON and XLSX exports carry every comment.
package pdf

import (
	"fmt"
	"io"
	"time"
	_ "time/tzdata" // the window is shown in Brussels time on any host

	"github.com/go-pdf/fpdf"

	"consult/models"
)

// MaxComments is how many comments one report prints; measured in the README (about 3,000 pages).
const MaxComments = 10000

// Report is what a report is made of besides its comments.
type Report struct {
	Consultation *models.Consultation
	Source       *models.ExportSource
	Layout       models.ExportLayout
	Summary      *models.Summary
	GeneratedAt  time.Time
}

// Document is a laid-out report, ready to be written.
type Document struct{ f *fpdf.Fpdf }

// WriteTo writes the PDF file.
func (d *Document) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	err := d.f.Output(cw)
	return cw.n, err
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Render reads the comments that each yields (in the layout's scope, as models.EachExportRow
// gives them) and lays out the report. It lays the document out twice, the first time only to
// learn on which page each section begins, so that the contents after the cover carry page
// numbers.
func Render(r Report, each func(fn func(*models.ExportRow) error) error) (*Document, error) {
	return render(r, each, MaxComments)
}

func render(r Report, each func(fn func(*models.ExportRow) error) error, limit int) (*Document, error) {
	brussels, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		return nil, err
	}
	r = cleanReport(r)
	positions := make(map[string]int, len(r.Source.Clauses))
	for i, c := range r.Source.Clauses {
		positions[c.Number] = i
	}
	sel := &selection{limit: limit, position: func(number string) int {
		if number == "" {
			return -1 // general comments come first
		}
		if p, ok := positions[number]; ok {
			return p
		}
		return len(positions)
	}}
	if err := each(func(row *models.ExportRow) error { sel.add(row); return nil }); err != nil {
		return nil, err
	}
	l := &layout{r: r, brussels: brussels, entries: sel.sorted(), total: sel.seen}
	l.sections = sectionsOf(r.Source, l.entries)
	first, err := l.lay(nil)
	if err != nil {
		return nil, err
	}
	f, err := l.lay(first.pages)
	if err != nil {
		return nil, err
	}
	return &Document{f: f.f}, nil
}

// section is the comments on one clause (number "" for general comments).
type section struct {
	key, number, heading string
	entries              []*entry
}

func sectionsOf(src *models.ExportSource, entries []*entry) []*section {
	headings := make(map[string]string, len(src.Clauses))
	for _, c := range src.Clauses {
		headings[c.Number] = c.Heading
	}
	var out []*section
	for _, e := range entries {
		n := e.row.ClauseNumber
		if len(out) == 0 || out[len(out)-1].number != n {
			heading := headings[n]
			if n == "" {
				heading = "General comments"
			}
			out = append(out, &section{key: fmt.Sprintf("clause:%d", len(out)), number: n, heading: heading})
		}
		out[len(out)-1].entries = append(out[len(out)-1].entries, e)
	}
	return out
}
