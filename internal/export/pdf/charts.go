package pdf

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/go-pdf/fpdf"
)

// maxBars bounds a chart; the remaining categories are summed on one line below it.
const maxBars = 25

func (l *layout) summary(f *fpdf.Fpdf, d *laid) {
	f.AddPage()
	d.begin("summary")
	heading(f, "Summary")
	s := l.r.Summary
	f.SetFont(fontName, "", 10)
	f.MultiCell(textW, lineH, fmt.Sprintf("%d comments in this report's scope. Each bar counts comments; the longest bar is the largest category.", s.Total), "", "L", false)
	f.Ln(3)
	barChart(f, "By stakeholder type", s.ByStakeholderType, byCount(s.ByStakeholderType))
	barChart(f, "By country", s.ByCountry, byCount(s.ByCountry))
	barChart(f, "By clause", s.ByClause, l.clauseOrder(s.ByClause))
	if len(s.ByResolution) > 0 {
		barChart(f, "By resolution", s.ByResolution, byCount(s.ByResolution))
	}
}

// clauseOrder lists the clauses that have comments in reading order, general comments first.
func (l *layout) clauseOrder(counts map[string]int) []string {
	var out []string
	seen := map[string]bool{}
	if _, ok := counts["general"]; ok {
		out, seen["general"] = append(out, "general"), true
	}
	for _, c := range l.r.Source.Clauses {
		if _, ok := counts[c.Number]; ok && !seen[c.Number] {
			out, seen[c.Number] = append(out, c.Number), true
		}
	}
	for _, k := range sortedKeys(counts) {
		if !seen[k] {
			out = append(out, k)
		}
	}
	return out
}

// barChart draws counts as horizontal bars (filled rectangles, so vector graphics), in order.
func barChart(f *fpdf.Fpdf, title string, counts map[string]int, order []string) {
	const labelW, barH, rowH, numW = 45.0, 4.0, 5.5, 16.0
	shown := order
	if len(shown) > maxBars {
		shown = shown[:maxBars]
	}
	need := 10 + rowH*float64(len(shown)+1)
	if f.GetY()+need > pageH-bottom {
		f.AddPage()
	}
	f.SetFont(fontName, "B", 11)
	f.CellFormat(textW, 7, title, "", 1, "L", false, 0, "")
	if len(order) == 0 {
		f.SetFont(fontName, "", 9)
		f.CellFormat(textW, rowH, "No comments.", "", 1, "L", false, 0, "")
		f.Ln(4)
		return
	}
	peak := 0
	for _, k := range order {
		peak = max(peak, counts[k])
	}
	barMax := textW - labelW - numW
	f.SetFillColor(0, 51, 153)
	for _, k := range shown {
		y := f.GetY()
		f.SetFont(fontName, "", 8.5)
		f.CellFormat(labelW, rowH, fit(f, k, labelW-2, 0), "", 0, "L", false, 0, "")
		w := barMax * float64(counts[k]) / float64(peak)
		f.Rect(margin+labelW, y+(rowH-barH)/2, max(w, 0.3), barH, "F")
		f.SetX(margin + labelW + w + 1.5)
		f.CellFormat(numW, rowH, strconv.Itoa(counts[k]), "", 1, "L", false, 0, "")
	}
	if rest := order[len(shown):]; len(rest) > 0 {
		n := 0
		for _, k := range rest {
			n += counts[k]
		}
		f.SetFont(fontName, "", 8.5)
		f.CellFormat(textW, rowH, fmt.Sprintf("and %d more (%d comments)", len(rest), n), "", 1, "L", false, 0, "")
	}
	f.Ln(5)
}

// byCount orders categories by count, largest first, then by name.
func byCount(counts map[string]int) []string {
	keys := sortedKeys(counts)
	sort.SliceStable(keys, func(i, j int) bool { return counts[keys[i]] > counts[keys[j]] })
	return keys
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
