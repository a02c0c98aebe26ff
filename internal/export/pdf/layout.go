package pdf

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"consult/models"
)

// layout lays a report out in two passes over its comments: the first only measures, to learn
// the sections and on which page each begins; the second writes the file page by page, with the
// contents (which come before the sections) and "page X of Y" in the running header filled in.
type layout struct {
	r        Report
	brussels *time.Location
	limit    int
	each     func(fn func(*models.ExportRow) error) error
	sections []*section      // clauses with comments in the order printed, from the first pass
	marks    map[string]mark // where each section begins, from the first pass
	pages    int             // pages in the report, from the first pass
}

// section is the comments on one clause (number "" for general comments).
type section struct {
	key, number, heading string
	count                int
}

// measure is the first pass. The summary and comments are laid out before the contents, which
// need their sections; then the contents alone, to count their pages, which come before them.
func (l *layout) measure() error {
	faces, err := newFaces()
	if err != nil {
		return err
	}
	cover := newCanvas(nil, faces, nil)
	l.cover(cover)
	body := newCanvas(nil, faces, nil)
	l.summary(body)
	if l.sections, err = l.comments(body); err != nil {
		return err
	}
	contents := newCanvas(nil, faces, nil)
	l.contents(contents)
	before := cover.page + contents.page
	l.marks = make(map[string]mark, len(body.marks))
	for key, m := range body.marks {
		l.marks[key] = mark{page: m.page + before, y: m.y}
	}
	l.pages = before + body.page
	return nil
}

// write is the second pass: it writes the report to w page by page.
func (l *layout) write(w io.Writer) error {
	faces, err := newFaces()
	if err != nil {
		return err
	}
	c := newCanvas(newFile(w), faces, l.marks)
	header := l.r.Source.Scheme.Title + " · " + l.r.Consultation.Title
	c.header = func() { l.header(c, header) }
	l.cover(c)
	l.contents(c)
	l.summary(c)
	if _, err := l.comments(c); err != nil {
		return err
	}
	return c.finish(l.r.Consultation.Title)
}

func newFaces() ([2]*face, error) {
	var faces [2]*face
	for i, ttf := range [][]byte{notoRegular, notoBold} {
		f, err := newFace(ttf)
		if err != nil {
			return faces, err
		}
		faces[i] = f
	}
	return faces, nil
}

// header is the running header of every page but the cover: the scheme and consultation, and
// "Page X of Y".
func (l *layout) header(c *canvas, text string) {
	if c.page == 1 {
		return
	}
	c.setTextColor(90, 90, 90)
	c.setXY(margin, 9)
	c.cell(textW-35, 5, fit(c, text, textW-35, 8), 0, "L", "")
	c.cell(35, 5, "Page "+strconv.Itoa(c.page)+" of "+strconv.Itoa(max(l.pages, c.page)), 0, "R", "")
	c.setDrawColor(180, 180, 180)
	c.line(margin, 15, pageW-margin, 15)
	c.setXY(margin, top)
}

func (l *layout) cover(c *canvas) {
	con, src := l.r.Consultation, l.r.Source
	c.addPage()
	c.setY(45)
	c.setFont(regular, 12)
	c.setTextColor(0, 51, 153)
	c.multiCell(textW, 6, "Public consultation report")
	c.setTextColor(0, 0, 0)
	c.ln(4)
	c.setFont(bold, 20)
	c.multiCell(textW, 9, src.Scheme.Title)
	c.ln(2)
	c.setFont(bold, 14)
	c.multiCell(textW, 7, con.Title)
	c.ln(8)
	rows := [][2]string{
		{"Draft", src.Document.Title + ", version " + src.Document.VersionLabel},
		{"Window", l.when(con.OpensAt) + " to " + l.when(con.ClosesAt) + " (Brussels time)"},
		{"Comments", l.totals()},
		{"Scope", l.scopeText()},
		{"Resolutions", l.dispositionsText()},
		{"Generated", l.when(l.r.GeneratedAt)},
	}
	for _, row := range rows {
		c.setFont(bold, 10)
		c.cell(32, 6, row[0], 0, "L", "")
		c.setFont(regular, 10)
		c.multiCell(textW-32, 6, row[1])
		c.ln(1)
	}
	if note := l.limitNote(); note != "" {
		c.ln(6)
		c.setFont(bold, 10)
		c.multiCell(textW, 5, note)
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
	if l.r.Summary.Total <= l.limit {
		return ""
	}
	return fmt.Sprintf("This report prints the first %d of %d comments in clause order. The CSV, JSON and XLSX exports carry every comment.",
		l.limit, l.r.Summary.Total)
}

// keys are the contents' entries in order: the summary, the comments, then each clause.
func (l *layout) keys() []string {
	keys := []string{"summary", "comments"}
	for _, s := range l.sections {
		keys = append(keys, s.key)
	}
	return keys
}

func (l *layout) contents(c *canvas) {
	c.addPage()
	heading(c, "Contents")
	titles := map[string]string{"summary": "Summary", "comments": "Comments, clause by clause"}
	for _, s := range l.sections {
		titles[s.key] = clauseTitle(s) + fmt.Sprintf(" (%d)", s.count)
	}
	for _, key := range l.keys() {
		indent := 0.0
		c.setFont(bold, 10)
		if strings.HasPrefix(key, "clause:") {
			indent = 6
			c.setFont(regular, 9)
		}
		page := ""
		if m, ok := l.marks[key]; ok {
			page = strconv.Itoa(m.page)
		}
		c.setX(margin + indent)
		w := textW - indent - 15
		c.cell(w, lineH+0.5, fit(c, titles[key], w-2, 0), 0, "L", key)
		c.cell(15, lineH+0.5, page, 1, "R", key)
	}
}

func clauseTitle(s *section) string {
	if s.number == "" {
		return s.heading
	}
	return strings.TrimSpace(s.number + " " + s.heading)
}

// heading writes a section heading.
func heading(c *canvas, text string) {
	c.setFont(bold, 16)
	c.setTextColor(0, 51, 153)
	c.multiCell(textW, 8, text)
	c.setTextColor(0, 0, 0)
	c.ln(3)
}

// fit cuts s with an ellipsis to fit width w at the current font, or at size when size > 0.
func fit(c *canvas, s string, w, size float64) string {
	if size > 0 {
		c.setFont(regular, size)
	}
	if c.stringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && c.stringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
