package pdf

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// face is one TrueType font of the report: its widths for layout, and the characters used, so
// that only their glyphs are embedded once every page is written. Text is shown with CIDs equal
// to the Unicode code points (Identity-H), so a page can be written before the font is.
type face struct {
	ttf   []byte
	sf    *sfnt.Font
	buf   sfnt.Buffer
	upem  fixed.Int26_6
	width []int32 // by code point, the advance in thousandths of the font size (-1: not yet used)
	used  []rune  // the characters measured so far, in order of first use
}

func newFace(ttf []byte) (*face, error) {
	sf, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, err
	}
	width := make([]int32, 0x10000)
	for i := range width {
		width[i] = -1
	}
	return &face{ttf: ttf, sf: sf, upem: fixed.I(int(sf.UnitsPerEm())), width: width}, nil
}

// thousandths scales a length in font units (as 26.6 at one pixel per unit) to thousandths of the font size.
func (f *face) thousandths(v fixed.Int26_6) int {
	return int((int64(v)*1000 + int64(f.upem)/2) / int64(f.upem))
}

// advance is the width of r in thousandths of the font size; it marks r as used.
func (f *face) advance(r rune) int {
	if r < 0 || r > 0xFFFF {
		r = 0xFFFD // clean keeps text within the Basic Multilingual Plane
	}
	if w := f.width[r]; w >= 0 {
		return int(w)
	}
	gid, err := f.sf.GlyphIndex(&f.buf, r)
	if err != nil {
		gid = 0
	}
	adv, err := f.sf.GlyphAdvance(&f.buf, gid, f.upem, font.HintingNone)
	w := 0
	if err == nil {
		w = f.thousandths(adv)
	}
	f.width[r] = int32(w)
	f.used = append(f.used, r)
	return w
}

// stringWidth is the width of s at size points, in points.
func (f *face) stringWidth(s string, size float64) float64 {
	w := 0
	for _, r := range s {
		w += f.advance(r)
	}
	return float64(w) * size / 1000
}

// faceObjects is how many PDF objects writeTo writes, numbered from its first id.
const faceObjects = 6

// writeTo writes the font as a Type0 font of object id and the five objects after it: the
// CID font, its descriptor, the CID-to-glyph map, the embedded subset and the ToUnicode map.
func (f *face) writeTo(pf *file, id int, name string) error {
	missing := f.advance(0xFFFD)
	used := slices.Clone(f.used)
	slices.Sort(used)
	subset := fpdf.UTF8CutFont(f.ttf, string(used))
	sub, err := sfnt.Parse(subset)
	if err != nil {
		return fmt.Errorf("subset of font %s: %w", name, err)
	}
	cidToGID := make([]byte, 0x10000*2)
	var widths strings.Builder
	for _, r := range used {
		gid, err := sub.GlyphIndex(&f.buf, r)
		if err != nil || gid == 0 {
			continue
		}
		binary.BigEndian.PutUint16(cidToGID[2*r:], uint16(gid))
		fmt.Fprintf(&widths, "%d [%d] ", r, f.width[r])
	}
	m, err := f.sf.Metrics(&f.buf, f.upem, font.HintingNone)
	if err != nil {
		return err
	}
	box, err := f.sf.Bounds(&f.buf, f.upem, font.HintingNone)
	if err != nil {
		return err
	}
	base := "/" + name
	pf.object(id, fmt.Sprintf("<</Type /Font /Subtype /Type0 /BaseFont %s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>", base, id+1, id+5))
	pf.object(id+1, fmt.Sprintf("<</Type /Font /Subtype /CIDFontType2 /BaseFont %s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /DW %d /W [%s] /CIDToGIDMap %d 0 R>>",
		base, id+2, missing, widths.String(), id+3))
	pf.object(id+2, fmt.Sprintf("<</Type /FontDescriptor /FontName %s /Flags 4 /FontBBox [%d %d %d %d] /ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R>>",
		base, f.thousandths(box.Min.X), -f.thousandths(box.Max.Y), f.thousandths(box.Max.X), -f.thousandths(box.Min.Y),
		f.thousandths(m.Ascent), -f.thousandths(m.Descent), f.thousandths(m.CapHeight), id+4))
	pf.stream(id+3, "", cidToGID)
	pf.stream(id+4, fmt.Sprintf(" /Length1 %d", len(subset)), subset)
	pf.stream(id+5, "", []byte(toUnicode))
	return pf.err
}

// toUnicode maps every CID to the same Unicode code point, so that text can be copied and searched.
const toUnicode = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
1 beginbfrange
<0000> <FFFF> <0000>
endbfrange
endcmap
CMapName currentdict /CMapName get exch defineresource pop
end
end`
