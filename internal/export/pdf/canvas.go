package pdf

import (
	"bytes"
	"fmt"
	"strings"
)

// Page geometry in millimetres (A4).
const (
	margin   = 18.0
	pageW    = 210.0
	pageH    = 297.0
	textW    = pageW - 2*margin
	top      = margin + 6
	bottom   = 16.0
	lineH    = 5.0
	cellPad  = 1.0       // space between a cell's edge and its text
	ptPerMM  = 72 / 25.4 // PDF user space is in points
	lineWide = 0.2
)

// The styles of text, indexes of a canvas's faces.
const (
	regular = 0
	bold    = 1
)

// mark is a place in the report: a page and the distance from its top edge.
type mark struct {
	page int
	y    float64
}

// canvas lays text and drawings out on A4 pages, in millimetres from the top left corner, with
// automatic page breaks, the way a word processor fills pages. Each page is written to out as
// soon as the next one begins, so memory holds one page at a time; with out nil nothing is
// written, which measures where everything falls.
type canvas struct {
	out   *file
	faces [2]*face

	style                     int
	size                      float64 // points
	textRGB, drawRGB, fillRGB [3]int
	x, y                      float64
	page                      int
	content                   bytes.Buffer
	annots                    []string
	header                    func()
	inHeader                  bool
	outline                   []outlineEntry
	marks                     map[string]mark // where each section begins, as laid out
	dests                     map[string]mark // where each link leads, from the measuring pass
}

type outlineEntry struct {
	title string
	at    mark
}

func newCanvas(out *file, faces [2]*face, dests map[string]mark) *canvas {
	return &canvas{out: out, faces: faces, size: 10, x: margin, y: top, marks: map[string]mark{}, dests: dests}
}

// addPage ends the page (writing it) and begins the next one, with its running header.
func (c *canvas) addPage() {
	c.endPage()
	c.page++
	c.x, c.y = margin, top
	if c.header != nil {
		style, size, textRGB, drawRGB, fillRGB := c.style, c.size, c.textRGB, c.drawRGB, c.fillRGB
		c.inHeader = true
		c.header()
		c.inHeader = false
		c.style, c.size, c.textRGB, c.drawRGB, c.fillRGB = style, size, textRGB, drawRGB, fillRGB
	}
}

func (c *canvas) setFont(style int, size float64) { c.style, c.size = style, size }
func (c *canvas) setTextColor(r, g, b int)        { c.textRGB = [3]int{r, g, b} }
func (c *canvas) setDrawColor(r, g, b int)        { c.drawRGB = [3]int{r, g, b} }
func (c *canvas) setFillColor(r, g, b int)        { c.fillRGB = [3]int{r, g, b} }
func (c *canvas) setX(x float64)                  { c.x = x }
func (c *canvas) setY(y float64)                  { c.x, c.y = margin, y }
func (c *canvas) setXY(x, y float64)              { c.x, c.y = x, y }

// ln moves to the left margin of the line h millimetres below.
func (c *canvas) ln(h float64) { c.x, c.y = margin, c.y+h }

// stringWidth is the width of s in the current font, in millimetres.
func (c *canvas) stringWidth(s string) float64 {
	return c.faces[c.style].stringWidth(s, c.size) / ptPerMM
}

// begin marks where the section key begins, for the contents.
func (c *canvas) begin(key string) { c.marks[key] = mark{page: c.page, y: c.y} }

// bookmark adds an entry at the current place to the document outline.
func (c *canvas) bookmark(title string) {
	c.outline = append(c.outline, outlineEntry{title: title, at: mark{page: c.page, y: c.y}})
}

// cell writes text in a box w wide and h high at the current place, aligned left ("L") or right
// ("R"), then moves right of it (next 0), to the start of the next line (next 1) or below it
// (next 2). A box that would cross the bottom margin goes on a new page. link, if not empty,
// names the section the box leads to.
func (c *canvas) cell(w, h float64, text string, next int, align, link string) {
	if c.y+h > pageH-bottom && !c.inHeader {
		x := c.x
		c.addPage()
		c.x = x
	}
	if text != "" {
		sw := c.stringWidth(text)
		dx := cellPad
		if align == "R" {
			dx = w - cellPad - sw
		}
		c.showText(c.x+dx, c.y+h/2+0.3*c.size/ptPerMM, text)
	}
	if at, ok := c.dests[link]; ok && link != "" && c.out != nil {
		c.annots = append(c.annots, fmt.Sprintf("<</Type /Annot /Subtype /Link /Border [0 0 0] /Rect [%s %s %s %s] /Dest [%d 0 R /XYZ 0 %s null]>>",
			num(c.x*ptPerMM), num((pageH-c.y-h)*ptPerMM), num((c.x+w)*ptPerMM), num((pageH-c.y)*ptPerMM), pageID(at.page), num((pageH-at.y)*ptPerMM)))
	}
	switch next {
	case 0:
		c.x += w
	case 1:
		c.x, c.y = margin, c.y+h
	default:
		c.y += h
	}
}

// showText writes text with its baseline starting at (x, baseline).
func (c *canvas) showText(x, baseline float64, text string) {
	if c.out == nil {
		return
	}
	rgb := c.textRGB
	fmt.Fprintf(&c.content, "BT /F%d %s Tf %s %s %s rg %s %s Td <", c.style, num(c.size), unit(rgb[0]), unit(rgb[1]), unit(rgb[2]),
		num(x*ptPerMM), num((pageH-baseline)*ptPerMM))
	const hex = "0123456789ABCDEF"
	for _, r := range text {
		c.content.Write([]byte{hex[r>>12&15], hex[r>>8&15], hex[r>>4&15], hex[r&15]})
	}
	c.content.WriteString("> Tj ET\n")
}

// multiCell writes text wrapped into lines of width w, each h high, from the current place down;
// it ends at the left margin below the text.
func (c *canvas) multiCell(w, h float64, text string) {
	for _, line := range c.wrap(text, w-2*cellPad) {
		c.cell(w, h, line, 2, "L", "")
	}
	c.x = margin
}

// wrap breaks text into lines no wider than w: at spaces where it can, within a word that is
// wider than a line, and at every line break.
func (c *canvas) wrap(text string, w float64) []string {
	var lines []string
	space := c.stringWidth(" ")
	for _, para := range strings.Split(text, "\n") {
		line, lineW := "", 0.0
		for _, word := range strings.Split(para, " ") {
			wordW := c.stringWidth(word)
			if line == "" && wordW <= w {
				line, lineW = word, wordW
				continue
			}
			if line != "" && lineW+space+wordW <= w {
				line, lineW = line+" "+word, lineW+space+wordW
				continue
			}
			if line != "" {
				lines = append(lines, line)
			}
			line = word
			for c.stringWidth(line) > w {
				cut := c.fitRunes(line, w)
				lines = append(lines, line[:cut])
				line = line[cut:]
			}
			lineW = c.stringWidth(line)
		}
		lines = append(lines, line)
	}
	return lines
}

// fitRunes is the length in bytes of the longest start of s (at least one character) that fits w.
func (c *canvas) fitRunes(s string, w float64) int {
	f, width, end := c.faces[c.style], 0.0, 0
	for i, r := range s {
		width += float64(f.advance(r)) * c.size / 1000 / ptPerMM
		if width > w && i > 0 {
			return i
		}
		end = i + len(string(r))
	}
	return end
}

// rect fills a rectangle in the fill colour.
func (c *canvas) rect(x, y, w, h float64) {
	if c.out == nil {
		return
	}
	rgb := c.fillRGB
	fmt.Fprintf(&c.content, "%s %s %s rg %s %s %s %s re f\n", unit(rgb[0]), unit(rgb[1]), unit(rgb[2]),
		num(x*ptPerMM), num((pageH-y-h)*ptPerMM), num(w*ptPerMM), num(h*ptPerMM))
}

// line draws a thin line in the draw colour.
func (c *canvas) line(x1, y1, x2, y2 float64) {
	if c.out == nil {
		return
	}
	rgb := c.drawRGB
	fmt.Fprintf(&c.content, "%s %s %s RG %s w %s %s m %s %s l S\n", unit(rgb[0]), unit(rgb[1]), unit(rgb[2]), num(lineWide*ptPerMM),
		num(x1*ptPerMM), num((pageH-y1)*ptPerMM), num(x2*ptPerMM), num((pageH-y2)*ptPerMM))
}

// unit is a colour component of 0 to 255 as PDF's 0 to 1.
func unit(v int) string { return num(float64(v) / 255) }
