// Package pdf lays a consultation's comments out as a printable PDF report: a cover, a table of
// contents, the summary with bar charts drawn as vector graphics, then clause by clause each
// comment with, where the layout allows, its resolution and response. Text is set in the embedded
// Noto Sans, so Latin with every diacritic, Greek and Cyrillic render.
//
// Memory stays bounded whatever the number of comments: the report is laid out twice from a
// stream of comments in clause order, first only measuring (which sections, which pages), then
// writing each page to the output as soon as it is full (canvas, file), with the fonts, reduced
// to the characters used, written last. A report prints at most MaxComments comments, the first
// ones in clause order; a longer consultation's report says so on its cover and where the
// comments begin, and the CSV, JSON and XLSX exports carry every comment.
package pdf

import (
	"io"
	"time"
	_ "time/tzdata" // the window is shown in Brussels time on any host

	"consult/models"
)

// MaxComments is how many comments one report prints: about 30,000 pages, a few minutes of work
// (measured in the README); memory does not depend on it.
const MaxComments = 100_000

// Report is what a report is made of besides its comments.
type Report struct {
	Consultation *models.Consultation
	Source       *models.ExportSource
	Layout       models.ExportLayout
	Summary      *models.Summary
	GeneratedAt  time.Time
}

// Document is a measured report, ready to be written.
type Document struct{ l *layout }

// WriteTo writes the PDF file page by page, reading the comments a second time.
func (d *Document) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	err := d.l.write(cw)
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

// Render measures the report of the comments each yields, in clause order (general comments
// first, then the clauses in reading order, as models.EachExportRowInClauseOrder gives them, in
// the layout's scope), so that the contents after the cover carry page numbers. each is called
// again when the document is written.
func Render(r Report, each func(fn func(*models.ExportRow) error) error) (*Document, error) {
	return render(r, each, MaxComments)
}

func render(r Report, each func(fn func(*models.ExportRow) error) error, limit int) (*Document, error) {
	brussels, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		return nil, err
	}
	l := &layout{r: cleanReport(r), brussels: brussels, limit: limit, each: each}
	if err := l.measure(); err != nil {
		return nil, err
	}
	return &Document{l: l}, nil
}
