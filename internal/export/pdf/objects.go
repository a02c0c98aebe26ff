package pdf

import (
	"fmt"
	"strings"
)

// Object numbers: the fixed objects first, then each page and its content stream, then the
// outline entries (numbered once the pages are counted).
const (
	catalogID  = 1
	pagesID    = 2
	infoID     = 3
	fontsID    = 4 // faceObjects for each face
	outlinesID = fontsID + 2*faceObjects
	firstPage  = outlinesID + 1
)

// pageID is the object number of page n (from 1); its content stream is the number after it.
func pageID(n int) int { return firstPage + 2*(n-1) }

// endPage writes the page being laid out, if any.
func (c *canvas) endPage() {
	if c.page == 0 || c.out == nil {
		c.content.Reset()
		c.annots = c.annots[:0]
		return
	}
	id := pageID(c.page)
	c.out.stream(id+1, "", c.content.Bytes())
	annots := ""
	if len(c.annots) > 0 {
		annots = " /Annots [" + strings.Join(c.annots, " ") + "]"
	}
	c.out.object(id, fmt.Sprintf("<</Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Resources <</Font <</F0 %d 0 R /F1 %d 0 R>>>> /Contents %d 0 R%s>>",
		pagesID, num(pageW*ptPerMM), num(pageH*ptPerMM), fontsID, fontsID+faceObjects, id+1, annots))
	c.content.Reset()
	c.annots = c.annots[:0]
}

// finish ends the last page and writes what follows the pages: the fonts, the page tree, the
// outline, the document information and the catalogue, then the cross-reference table.
func (c *canvas) finish(title string) error {
	c.endPage()
	for i, f := range c.faces {
		if err := f.writeTo(c.out, fontsID+i*faceObjects, []string{"NotoSans", "NotoSans-Bold"}[i]); err != nil {
			return err
		}
	}
	kids := make([]string, c.page)
	for n := 1; n <= c.page; n++ {
		kids[n-1] = fmt.Sprintf("%d 0 R", pageID(n))
	}
	c.out.object(pagesID, fmt.Sprintf("<</Type /Pages /Count %d /Kids [%s]>>", c.page, strings.Join(kids, " ")))
	last := c.writeOutline(pageID(c.page+1) - 1)
	c.out.object(infoID, fmt.Sprintf("<</Title %s /Creator %s /Producer %s>>", text(title), text("consult"), text("consult")))
	c.out.object(catalogID, fmt.Sprintf("<</Type /Catalog /Pages %d 0 R /Outlines %d 0 R>>", pagesID, outlinesID))
	return c.out.finish(last, catalogID, infoID)
}

// writeOutline writes the outline (bookmarks) with its entries numbered after last, and gives
// the last object number used.
func (c *canvas) writeOutline(last int) int {
	n := len(c.outline)
	if n == 0 {
		c.out.object(outlinesID, "<</Type /Outlines /Count 0>>")
		return last
	}
	c.out.object(outlinesID, fmt.Sprintf("<</Type /Outlines /First %d 0 R /Last %d 0 R /Count %d>>", last+1, last+n, n))
	for i, e := range c.outline {
		id := last + 1 + i
		links := ""
		if i > 0 {
			links += fmt.Sprintf(" /Prev %d 0 R", id-1)
		}
		if i < n-1 {
			links += fmt.Sprintf(" /Next %d 0 R", id+1)
		}
		c.out.object(id, fmt.Sprintf("<</Title %s /Parent %d 0 R%s /Dest [%d 0 R /XYZ 0 %s null]>>",
			text(e.title), outlinesID, links, pageID(e.at.page), num((pageH-e.at.y)*ptPerMM)))
	}
	return last + n
}
