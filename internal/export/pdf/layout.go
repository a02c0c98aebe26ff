package pdf

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"consult/models"
)

// Page geometry in millimetres (A4).
const (
	margin   = 18.0
	pageW    = 210.0
	pageH    = 297.0
	textW    = pageW - 2*margin
	bottom   = 16.0
	lineH    = 5.0
	fontName = "noto"
)

// layout holds what both passes over the report share.
type layout struct {
	r        Report
	brussels *time.Location
	entries  []*entry
	total    int // comments in scope, also those past the limit
	sections []*section
}

// laid is one pass's document and the page on which each section begins.
type laid struct {
	f     *fpdf.Fpdf
	pages map[string]int
	links map[string]int
}

// lay sets the whole report; pages are the section pages of an earlier pass, nil on the first.
func (l *layout) lay(pages map[string]int) (*laid, error) {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(margin, margin+6, margin)
	f.SetAutoPageBreak(true, bottom)
	f.AddUTF8FontFromBytes(fontName, "", notoRegular)
	f.AddUTF8FontFromBytes(fontName, "B", notoBold)
	f.SetTitle(l.r.Consultation.Title, true)
	f.SetCreator("consult", true)
	f.AliasNbPages("{nb}")
	d := &laid{f: f, pages: map[string]int{}, links: map[string]int{}}
	for _, key := range l.keys() {
		d.links[key] = f.AddLink()
	}
	header := fit(f, l.r.Source.Scheme.Title+" · "+l.r.Consultation.Title, textW-35, 8)
	f.SetHeaderFuncMode(func() {
		if f.PageNo() == 1 {
			return
		}
		f.SetFont(fontName, "", 8)
		f.SetTextColor(90, 90, 90)
		f.SetXY(margin, 9)
		f.CellFormat(textW-35, 5, header, "", 0, "L", false, 0, "")
		f.CellFormat(35, 5, "Page "+strconv.Itoa(f.PageNo())+" of {nb}", "", 0, "R", false, 0, "")
		f.SetDrawColor(180, 180, 180)
		f.Line(margin, 15, pageW-margin, 15)
		f.SetTextColor(0, 0, 0)
		f.SetXY(margin, margin+6)
	}, false)
	l.cover(f)
	l.contents(f, d, pages)
	l.summary(f, d)
	l.comments(f, d)
	if err := f.Error(); err != nil {
		return nil, err
	}
	return d, nil
}

// keys are the contents' entries in order: the summary, the comments, then each clause.
func (l *layout) keys() []string {
	keys := []string{"summary", "comments"}
	for _, s := range l.sections {
		keys = append(keys, s.key)
	}
	return keys
}

// begin marks where a section starts, for the contents and its link.
func (d *laid) begin(key string) {
	d.pages[key] = d.f.PageNo()
	d.f.SetLink(d.links[key], d.f.GetY(), d.f.PageNo())
}

func (l *layout) cover(f *fpdf.Fpdf) {
	c, src := l.r.Consultation, l.r.Source
	f.AddPage()
	f.SetY(45)
	f.SetFont(fontName, "", 12)
	f.SetTextColor(0, 51, 153)
	f.MultiCell(textW, 6, "Public consultation report", "", "L", false)
	f.SetTextColor(0, 0, 0)
	f.Ln(4)
	f.SetFont(fontName, "B", 20)
	f.MultiCell(textW, 9, src.Scheme.Title, "", "L", false)
	f.Ln(2)
	f.SetFont(fontName, "B", 14)
	f.MultiCell(textW, 7, c.Title, "", "L", false)
	f.Ln(8)
	rows := [][2]string{
		{"Draft", src.Document.Title + ", version " + src.Document.VersionLabel},
		{"Window", l.when(c.OpensAt) + " to " + l.when(c.ClosesAt) + " (Brussels time)"},
		{"Comments", l.totals()},
		{"Scope", l.scopeText()},
		{"Resolutions", l.dispositionsText()},
		{"Generated", l.when(l.r.GeneratedAt)},
	}
	for _, row := range rows {
		f.SetFont(fontName, "B", 10)
		f.CellFormat(32, 6, row[0], "", 0, "L", false, 0, "")
		f.SetFont(fontName, "", 10)
		f.MultiCell(textW-32, 6, row[1], "", "L", false)
		f.Ln(1)
	}
	if note := l.limitNote(); note != "" {
		f.Ln(6)
		f.SetFont(fontName, "B", 10)
		f.MultiCell(textW, 5, note, "", "L", false)
	}
}

func (l *layout) when(t time.Time) string {
	return t.In(l.brussels).Format("2 January 2006 15:04 MST")
}

func (l *layout) totals() string {
	s := l.r.Summary
	parts := []string{strconv.Itoa(s.Total) + " in total"}
	for _, k := range sortedKeys(s.ByCommentType) {
		parts = append(parts, strconv.Itoa(s.ByCommentType[k])+" "+k)
	}
	return strings.Join(parts, ", ")
}

func (l *layout) scopeText() string {
	if l.r.Layout.Scope == models.ScopeAll {
		return "Every comment (staff report): not for publication"
	}
	return "Published comments, as their authors chose to publish them"
}

func (l *layout) dispositionsText() string {
	if l.r.Layout.Dispositions {
		return "Included"
	}
	return "Not included: the disposition-of-comments report is not yet published"
}

// limitNote says that the report leaves comments out, or nothing when it prints them all.
func (l *layout) limitNote() string {
	if l.total <= len(l.entries) {
		return ""
	}
	return fmt.Sprintf("This report prints the first %d of %d comments in clause order. The CSV, JSON and XLSX exports carry every comment.",
		len(l.entries), l.total)
}

func (l *layout) contents(f *fpdf.Fpdf, d *laid, pages map[string]int) {
	f.AddPage()
	heading(f, "Contents")
	titles := map[string]string{"summary": "Summary", "comments": "Comments, clause by clause"}
	for _, s := range l.sections {
		titles[s.key] = clauseTitle(s) + fmt.Sprintf(" (%d)", len(s.entries))
	}
	for _, key := range l.keys() {
		indent := 0.0
		f.SetFont(fontName, "B", 10)
		if strings.HasPrefix(key, "clause:") {
			indent = 6
			f.SetFont(fontName, "", 9)
		}
		page := ""
		if n, ok := pages[key]; ok {
			page = strconv.Itoa(n)
		}
		f.SetX(margin + indent)
		w := textW - indent - 15
		f.CellFormat(w, lineH+0.5, fit(f, titles[key], w-2, 0), "", 0, "L", false, d.links[key], "")
		f.CellFormat(15, lineH+0.5, page, "", 1, "R", false, d.links[key], "")
	}
}

func clauseTitle(s *section) string {
	if s.number == "" {
		return s.heading
	}
	return strings.TrimSpace(s.number + " " + s.heading)
}

// heading writes a section heading.
func heading(f *fpdf.Fpdf, text string) {
	f.SetFont(fontName, "B", 16)
	f.SetTextColor(0, 51, 153)
	f.MultiCell(textW, 8, text, "", "L", false)
	f.SetTextColor(0, 0, 0)
	f.Ln(3)
}

// fit cuts s with an ellipsis to fit width w at the current font, or at size when size > 0.
func fit(f *fpdf.Fpdf, s string, w, size float64) string {
	if size > 0 {
		f.SetFont(fontName, "", size)
	}
	if f.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && f.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
