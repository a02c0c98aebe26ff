package storage

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// A PDF is checked by its structure, within bounds, without inflating any content stream: the
// "%PDF-x.y" header; "startxref", its offset and "%%EOF" at the end; at that offset a
// cross-reference table with its trailer, or a cross-reference stream (decoded, bounded), and
// the sections it chains to (/Prev, /XRefStm); a /Root reference in the newest trailer that has
// one; and that root listed as in use, pointing to a "/Type /Catalog" dictionary (or to an
// object stream holding it). A well-kept PDF library was considered (pdfcpu): by default it
// inflated a 1 GB page content stream of a 2 MB file (68 s, 2.1 GB), and its limits bound
// each stream, not their sum.
const (
	pdfTail          = 2048     // "startxref … %%EOF" is looked for in the last bytes
	maxXRefSections  = 64       // sections followed through /Prev and /XRefStm
	maxXRefDecoded   = 16 << 20 // bytes all cross-reference streams may inflate to together
	maxPDFDepth      = 32       // nesting of arrays and dictionaries
	maxXRefSubsecLen = 1 << 22  // entries of one cross-reference subsection
)

var errPDF = fmt.Errorf("%w: not a well-formed PDF", ErrUnsupportedType)

// pdfRef is an indirect reference "num gen R".
type pdfRef struct{ num, gen int64 }

// pdfName is a name object, without its slash.
type pdfName string

// pdfDict is a dictionary; values are int64, float64, bool, nil, string, pdfName, pdfRef,
// []any or pdfDict.
type pdfDict map[pdfName]any

// xrefEntry locates an object: in use at offset (kind 1), or index idx of object stream objstm
// (kind 2); kind 0 is free.
type xrefEntry struct {
	kind        byte
	offset      int64
	objstm, idx int64
}

// pdfFile is the content of a PDF and what has been read of its cross-reference sections.
type pdfFile struct {
	b       []byte
	entries map[int64]xrefEntry // first section listing an object wins: newest first
	decoded int64               // bytes inflated from cross-reference streams so far
}

// checkPDF checks the structure of the PDF held in b.
func checkPDF(b []byte) error {
	if len(b) < 16 || !bytes.HasPrefix(b, []byte("%PDF-")) || !isDigit(b[5]) || b[6] != '.' || !isDigit(b[7]) {
		return fmt.Errorf("%w: no %%PDF-x.y header", errPDF)
	}
	start, err := startXRef(b)
	if err != nil {
		return err
	}
	f := &pdfFile{b: b, entries: map[int64]xrefEntry{}}
	var root *pdfRef
	seen := map[int64]bool{}
	queue := []int64{start}
	for len(queue) > 0 {
		off := queue[0]
		queue = queue[1:]
		if seen[off] {
			continue
		}
		if seen[off] = true; len(seen) > maxXRefSections {
			return fmt.Errorf("%w: too many cross-reference sections", errPDF)
		}
		trailer, err := f.readSection(off)
		if err != nil {
			return err
		}
		if r, ok := trailer["Root"].(pdfRef); ok && root == nil {
			root = &r
		}
		// A hybrid file's stream section comes before the previous section.
		for _, key := range []pdfName{"XRefStm", "Prev"} {
			if v, ok := trailer[key].(int64); ok {
				queue = append(queue, v)
			}
		}
	}
	if root == nil {
		return fmt.Errorf("%w: no trailer names a /Root", errPDF)
	}
	return f.checkCatalog(*root)
}

// startXRef finds "startxref offset %%EOF" at the end of b and returns the offset.
func startXRef(b []byte) (int64, error) {
	tail := b[max(0, len(b)-pdfTail):]
	eof := bytes.LastIndex(tail, []byte("%%EOF"))
	if eof < 0 || len(bytes.Trim(tail[eof+5:], " \t\r\n\f\x00")) > 0 {
		return 0, fmt.Errorf("%w: no %%%%EOF at the end", errPDF)
	}
	sx := bytes.LastIndex(tail[:eof], []byte("startxref"))
	if sx < 0 {
		return 0, fmt.Errorf("%w: no startxref", errPDF)
	}
	p := &pdfParser{b: tail[:eof], pos: sx + len("startxref")}
	off, ok := p.integer()
	p.skipSpace()
	if !ok || p.pos != eof || off <= 8 || off >= int64(len(b)) {
		return 0, fmt.Errorf("%w: bad startxref", errPDF)
	}
	return off, nil
}

// readSection reads the cross-reference section at off, a table or a stream, records its
// entries and returns its trailer dictionary.
func (f *pdfFile) readSection(off int64) (pdfDict, error) {
	if off <= 8 || off >= int64(len(f.b)) {
		return nil, fmt.Errorf("%w: cross-reference offset %d outside the file", errPDF, off)
	}
	p := &pdfParser{b: f.b, pos: int(off)}
	p.skipSpace()
	if p.keyword("xref") {
		return f.readTable(p)
	}
	dict, data, err := p.indirectStream(-1)
	if err != nil {
		return nil, err
	}
	if dict["Type"] != pdfName("XRef") {
		return nil, fmt.Errorf("%w: startxref points at neither a table nor a stream", errPDF)
	}
	return dict, f.readStream(dict, data)
}

// readTable reads the subsections of a cross-reference table and its trailer.
func (f *pdfFile) readTable(p *pdfParser) (pdfDict, error) {
	for {
		p.skipSpace()
		if p.keyword("trailer") {
			t, err := p.object(0)
			if d, ok := t.(pdfDict); ok && err == nil {
				return d, nil
			}
			return nil, fmt.Errorf("%w: bad trailer", errPDF)
		}
		first, ok1 := p.integer()
		count, ok2 := p.integer()
		if !ok1 || !ok2 || first < 0 || count < 0 || count > maxXRefSubsecLen || count*18 > int64(len(p.b)-p.pos) {
			return nil, fmt.Errorf("%w: bad cross-reference subsection", errPDF)
		}
		for i := range count {
			off, ok1 := p.integer()
			_, ok2 := p.integer()
			p.skipSpace()
			if !ok1 || !ok2 || p.pos >= len(p.b) || (p.b[p.pos] != 'n' && p.b[p.pos] != 'f') {
				return nil, fmt.Errorf("%w: bad cross-reference entry", errPDF)
			}
			kind := byte(0)
			if p.b[p.pos] == 'n' {
				kind = 1
			}
			p.pos++
			f.record(first+i, xrefEntry{kind: kind, offset: off})
		}
	}
}

func (f *pdfFile) record(num int64, e xrefEntry) {
	if _, ok := f.entries[num]; !ok {
		f.entries[num] = e
	}
}

// readStream decodes a cross-reference stream (/W, /Index, /Size; FlateDecode with or without
// a PNG predictor) and records its entries.
func (f *pdfFile) readStream(dict pdfDict, data []byte) error {
	var w [3]int64
	warr, _ := dict["W"].([]any)
	if len(warr) != 3 {
		return fmt.Errorf("%w: cross-reference stream without /W", errPDF)
	}
	width := int64(0)
	for i, v := range warr {
		n, ok := v.(int64)
		if !ok || n < 0 || n > 8 {
			return fmt.Errorf("%w: bad /W", errPDF)
		}
		w[i], width = n, width+n
	}
	size, ok := dict["Size"].(int64)
	if !ok || size < 0 || width == 0 {
		return fmt.Errorf("%w: bad /Size or /W", errPDF)
	}
	index := []any{int64(0), size}
	if ix, ok := dict["Index"].([]any); ok {
		index = ix
	}
	rows, err := f.decodeStream(dict, data, width)
	if err != nil {
		return err
	}
	for i := 0; i+1 < len(index); i += 2 {
		first, ok1 := index[i].(int64)
		count, ok2 := index[i+1].(int64)
		if !ok1 || !ok2 || first < 0 || count < 0 || count*width > int64(len(rows)) {
			return fmt.Errorf("%w: /Index does not match the stream", errPDF)
		}
		for j := range count {
			e := rows[:width]
			rows = rows[width:]
			field := func(k int) int64 {
				var v int64
				for _, c := range e[:w[k]] {
					v = v<<8 | int64(c)
				}
				e = e[w[k]:]
				return v
			}
			kind := int64(1) // the default when the first field has width 0
			if w[0] > 0 {
				kind = field(0)
			}
			a, b := field(1), field(2)
			switch kind {
			case 1:
				f.record(first+j, xrefEntry{kind: 1, offset: a})
			case 2:
				f.record(first+j, xrefEntry{kind: 2, objstm: a, idx: b})
			default:
				f.record(first+j, xrefEntry{})
			}
		}
	}
	return nil
}

// decodeStream inflates a cross-reference stream within the file's budget and undoes a PNG
// predictor; it returns whole rows of width bytes.
func (f *pdfFile) decodeStream(dict pdfDict, data []byte, width int64) ([]byte, error) {
	filter := dict["Filter"]
	if arr, ok := filter.([]any); ok && len(arr) == 1 {
		filter = arr[0]
	}
	var out []byte
	switch filter {
	case nil:
		out = data
	case pdfName("FlateDecode"):
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%w: cross-reference stream: %w", errPDF, err)
		}
		left := maxXRefDecoded - f.decoded
		out, err = io.ReadAll(io.LimitReader(zr, left+1))
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("%w: cross-reference stream: %w", errPDF, err)
		}
		if f.decoded += int64(len(out)); int64(len(out)) > left {
			return nil, fmt.Errorf("%w: cross-reference streams inflate beyond %d bytes", errPDF, maxXRefDecoded)
		}
	default:
		return nil, fmt.Errorf("%w: cross-reference stream filter %v", errPDF, filter)
	}
	parms, _ := dict["DecodeParms"].(pdfDict)
	if arr, ok := dict["DecodeParms"].([]any); ok && len(arr) == 1 {
		parms, _ = arr[0].(pdfDict)
	}
	if pred, _ := parms["Predictor"].(int64); pred >= 10 {
		cols, ok := parms["Columns"].(int64)
		if !ok {
			cols = 1
		}
		if cols != width {
			return nil, fmt.Errorf("%w: predictor columns do not match /W", errPDF)
		}
		return unPNG(out, int(width))
	}
	return out, nil
}

// unPNG undoes the PNG row filters of data, rows of one filter byte and width bytes, for one
// byte per pixel.
func unPNG(data []byte, width int) ([]byte, error) {
	if len(data)%(width+1) != 0 {
		return nil, fmt.Errorf("%w: predicted rows are not whole", errPDF)
	}
	out := make([]byte, 0, len(data)/(width+1)*width)
	prev := make([]byte, width)
	for len(data) > 0 {
		ft, row := data[0], data[1:width+1]
		data = data[width+1:]
		cur := make([]byte, width)
		for i, c := range row {
			var left, upLeft byte
			if i > 0 {
				left, upLeft = cur[i-1], prev[i-1]
			}
			up := prev[i]
			switch ft {
			case 0:
				cur[i] = c
			case 1:
				cur[i] = c + left
			case 2:
				cur[i] = c + up
			case 3:
				cur[i] = c + left/2 + up/2 + left&up&1 // the average of left and up, rounded down
			case 4:
				cur[i] = c + paeth(left, up, upLeft)
			default:
				return nil, fmt.Errorf("%w: unknown PNG filter %d", errPDF, ft)
			}
		}
		out, prev = append(out, cur...), cur
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// checkCatalog checks that root is in use and is a catalogue dictionary, or sits in an object
// stream that is in use.
func (f *pdfFile) checkCatalog(root pdfRef) error {
	e, ok := f.entries[root.num]
	switch {
	case !ok || e.kind == 0:
		return fmt.Errorf("%w: /Root %d is not in the cross-reference sections", errPDF, root.num)
	case e.kind == 2:
		s, ok := f.entries[e.objstm]
		if !ok || s.kind != 1 {
			return fmt.Errorf("%w: the object stream of /Root is missing", errPDF)
		}
		dict, err := f.objectAt(s.offset, e.objstm)
		if err != nil || dict["Type"] != pdfName("ObjStm") {
			return fmt.Errorf("%w: the object stream of /Root is not one", errPDF)
		}
		return nil
	}
	dict, err := f.objectAt(e.offset, root.num)
	if err != nil || dict["Type"] != pdfName("Catalog") {
		return fmt.Errorf("%w: /Root is not a catalogue", errPDF)
	}
	return nil
}

// objectAt parses the dictionary of object num at off.
func (f *pdfFile) objectAt(off, num int64) (pdfDict, error) {
	if off <= 8 || off >= int64(len(f.b)) {
		return nil, errPDF
	}
	p := &pdfParser{b: f.b, pos: int(off)}
	n, ok1 := p.integer()
	_, ok2 := p.integer()
	p.skipSpace()
	if !ok1 || !ok2 || n != num || !p.keyword("obj") {
		return nil, errPDF
	}
	v, err := p.object(0)
	if d, ok := v.(pdfDict); ok && err == nil {
		return d, nil
	}
	return nil, errPDF
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// pdfParser reads PDF objects from b.
type pdfParser struct {
	b   []byte
	pos int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

// skipSpace skips white space and comments.
func (p *pdfParser) skipSpace() {
	for p.pos < len(p.b) {
		switch c := p.b[p.pos]; {
		case isSpace(c):
			p.pos++
		case c == '%':
			for p.pos < len(p.b) && p.b[p.pos] != '\n' && p.b[p.pos] != '\r' {
				p.pos++
			}
		default:
			return
		}
	}
}

// keyword consumes kw when it stands next, ended by white space or a delimiter.
func (p *pdfParser) keyword(kw string) bool {
	end := p.pos + len(kw)
	if !bytes.HasPrefix(p.b[p.pos:], []byte(kw)) || (end < len(p.b) && !isSpace(p.b[end]) && !isDelim(p.b[end])) {
		return false
	}
	p.pos = end
	return true
}

// integer skips white space and reads an unsigned integer of at most 18 digits.
func (p *pdfParser) integer() (int64, bool) {
	p.skipSpace()
	start := p.pos
	for p.pos < len(p.b) && isDigit(p.b[p.pos]) && p.pos-start < 18 {
		p.pos++
	}
	if p.pos == start || (p.pos < len(p.b) && isDigit(p.b[p.pos])) {
		return 0, false
	}
	n, err := strconv.ParseInt(string(p.b[start:p.pos]), 10, 64)
	return n, err == nil
}

// indirectStream reads "num gen obj << … >> stream … endstream" and returns the dictionary and
// the raw stream data; num is checked unless negative. /Length must be a direct integer.
func (p *pdfParser) indirectStream(num int64) (pdfDict, []byte, error) {
	n, ok1 := p.integer()
	_, ok2 := p.integer()
	p.skipSpace()
	if !ok1 || !ok2 || (num >= 0 && n != num) || !p.keyword("obj") {
		return nil, nil, fmt.Errorf("%w: no object where one is expected", errPDF)
	}
	v, err := p.object(0)
	dict, ok := v.(pdfDict)
	if err != nil || !ok {
		return nil, nil, fmt.Errorf("%w: object without a dictionary", errPDF)
	}
	p.skipSpace()
	if !p.keyword("stream") {
		return nil, nil, fmt.Errorf("%w: dictionary without its stream", errPDF)
	}
	if bytes.HasPrefix(p.b[p.pos:], []byte("\r\n")) {
		p.pos += 2
	} else if p.pos < len(p.b) && p.b[p.pos] == '\n' {
		p.pos++
	}
	length, ok := dict["Length"].(int64)
	if !ok || length < 0 || length > int64(len(p.b)-p.pos) {
		return nil, nil, fmt.Errorf("%w: bad stream /Length", errPDF)
	}
	data := p.b[p.pos : p.pos+int(length)]
	p.pos += int(length)
	p.skipSpace()
	if !p.keyword("endstream") {
		return nil, nil, fmt.Errorf("%w: stream does not end where /Length says", errPDF)
	}
	return dict, data, nil
}

// object reads one direct object; "num gen R" is read as a reference.
func (p *pdfParser) object(depth int) (any, error) {
	if depth > maxPDFDepth {
		return nil, errPDF
	}
	p.skipSpace()
	if p.pos >= len(p.b) {
		return nil, errPDF
	}
	switch c := p.b[p.pos]; {
	case bytes.HasPrefix(p.b[p.pos:], []byte("<<")):
		p.pos += 2
		d := pdfDict{}
		for {
			p.skipSpace()
			if bytes.HasPrefix(p.b[p.pos:], []byte(">>")) {
				p.pos += 2
				return d, nil
			}
			k, err := p.object(depth + 1)
			name, ok := k.(pdfName)
			if err != nil || !ok {
				return nil, errPDF
			}
			if d[name], err = p.object(depth + 1); err != nil {
				return nil, err
			}
		}
	case c == '[':
		p.pos++
		var arr []any
		for {
			p.skipSpace()
			if p.pos < len(p.b) && p.b[p.pos] == ']' {
				p.pos++
				return arr, nil
			}
			v, err := p.object(depth + 1)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
	case c == '/':
		start := p.pos + 1
		p.pos = start
		for p.pos < len(p.b) && !isSpace(p.b[p.pos]) && !isDelim(p.b[p.pos]) {
			p.pos++
		}
		return pdfName(p.b[start:p.pos]), nil
	case c == '(':
		return p.literalString()
	case c == '<':
		end := bytes.IndexByte(p.b[p.pos:], '>')
		if end < 0 {
			return nil, errPDF
		}
		s := string(p.b[p.pos+1 : p.pos+end])
		p.pos += end + 1
		return s, nil
	case isDigit(c) || c == '+' || c == '-' || c == '.':
		return p.number()
	case p.keyword("true"):
		return true, nil
	case p.keyword("false"):
		return false, nil
	case p.keyword("null"):
		return nil, nil
	}
	return nil, errPDF
}

// number reads a number, or a reference when two integers and "R" follow.
func (p *pdfParser) number() (any, error) {
	start := p.pos
	for p.pos < len(p.b) && (isDigit(p.b[p.pos]) || isNumberSign(p.b[p.pos])) {
		p.pos++
	}
	tok := string(p.b[start:p.pos])
	n, err := strconv.ParseInt(tok, 10, 64)
	if err != nil {
		fl, err := strconv.ParseFloat(tok, 64)
		if err != nil {
			return nil, errPDF
		}
		return fl, nil
	}
	save := p.pos
	if gen, ok := p.integer(); ok {
		p.skipSpace()
		if p.keyword("R") {
			return pdfRef{num: n, gen: gen}, nil
		}
	}
	p.pos = save
	return n, nil
}

func isNumberSign(c byte) bool { return c == '+' || c == '-' || c == '.' }

// literalString reads a "( … )" string with balanced parentheses and escapes.
func (p *pdfParser) literalString() (any, error) {
	depth, start := 0, p.pos+1
	for p.pos < len(p.b) {
		switch p.b[p.pos] {
		case '\\':
			p.pos++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				p.pos++
				return string(p.b[start : p.pos-1]), nil
			}
		}
		p.pos++
	}
	return nil, errPDF
}
