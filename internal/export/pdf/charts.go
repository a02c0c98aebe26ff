package pdf

import (
	"fmt"
	"sort"
	"strconv"
)

// maxBars bounds a chart; the remaining categories are summed on one line below it.
const maxBars = 25

func (l *layout) summary(c *canvas) {
	c.addPage()
	c.begin("summary")
	heading(c, "Summary")
	s := l.r.Summary
	c.setFont(regular, 10)
	c.multiCell(textW, lineH, fmt.Sprintf("%d comments in this report's scope. Each bar counts comments; the longest bar is the largest category.", s.Total))
	c.ln(3)
	barChart(c, "By stakeholder type", s.ByStakeholderType, byCount(s.ByStakeholderType))
	barChart(c, "By country", s.ByCountry, byCount(s.ByCountry))
	barChart(c, "By clause", s.ByClause, l.clauseOrder(s.ByClause))
	if len(s.ByResolution) > 0 {
		barChart(c, "By resolution", s.ByResolution, byCount(s.ByResolution))
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
func barChart(c *canvas, title string, counts map[string]int, order []string) {
	const labelW, barH, rowH, numW = 45.0, 4.0, 5.5, 16.0
	shown := order
	if len(shown) > maxBars {
		shown = shown[:maxBars]
	}
	need := 10 + rowH*float64(len(shown)+1)
	if c.y+need > pageH-bottom {
		c.addPage()
	}
	c.setFont(bold, 11)
	c.cell(textW, 7, title, 1, "L", "")
	if len(order) == 0 {
		c.setFont(regular, 9)
		c.cell(textW, rowH, "No comments.", 1, "L", "")
		c.ln(4)
		return
	}
	peak := 0
	for _, k := range order {
		peak = max(peak, counts[k])
	}
	barMax := textW - labelW - numW
	c.setFillColor(0, 51, 153)
	for _, k := range shown {
		y := c.y
		c.setFont(regular, 8.5)
		c.cell(labelW, rowH, fit(c, k, labelW-2, 0), 0, "L", "")
		w := barMax * float64(counts[k]) / float64(peak)
		c.rect(margin+labelW, y+(rowH-barH)/2, max(w, 0.3), barH)
		c.setX(margin + labelW + w + 1.5)
		c.cell(numW, rowH, strconv.Itoa(counts[k]), 1, "L", "")
	}
	if rest := order[len(shown):]; len(rest) > 0 {
		n := 0
		for _, k := range rest {
			n += counts[k]
		}
		c.setFont(regular, 8.5)
		c.cell(textW, rowH, fmt.Sprintf("and %d more (%d comments)", len(rest), n), 1, "L", "")
	}
	c.ln(5)
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
