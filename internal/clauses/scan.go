package clauses

import "bytes"

// heading is a top-level Markdown heading found in the source.
type heading struct {
	level      int    // 1..6
	text       string // the heading's text, number included
	line       int    // line of its first line, from 1
	start, end int    // byte range of the heading's lines, newline included
	body       string
}

// scanner finds the top-level headings of a CommonMark document in one pass over its lines,
// in linear time whatever the input. It follows the block structure only as far as headings
// need it: fenced code, HTML blocks, block quotes and list items hide '#' lines, and an open
// paragraph turns a following === or --- line into a setext heading.
type scanner struct {
	src   []byte
	lines lineIndex
	out   []heading

	fence      []byte // the open code fence ("```", "~~~~"), or nil
	html       int    // the kind of the open HTML block (1..7), or 0
	listCol    int    // content column of the open list item, or 0 outside lists
	listFence  []byte // the code fence open inside the list item, or nil
	listPara   bool   // the last line continued a paragraph inside the list item
	listEmpty  bool   // the list item has had nothing but its marker so far
	quoteFence []byte // the code fence open inside the block quote, or nil
	quotePara  bool   // the last line continued a paragraph inside a block quote
	para       int    // offset where the open top-level paragraph starts, or -1
}

// scanHeadings finds the top-level headings of src[from:].
func scanHeadings(src []byte, from int, lines lineIndex) []heading {
	s := &scanner{src: src, lines: lines, para: -1}
	for pos := from; pos < len(src); {
		end, next := len(src), len(src)
		if i := bytes.IndexByte(src[pos:], '\n'); i >= 0 {
			end, next = pos+i, pos+i+1
		}
		s.line(src[pos:end], pos, next)
		pos = next
	}
	return s.out
}

// line reads one line, l = src[pos:next] without its newline.
func (s *scanner) line(l []byte, pos, next int) {
	if s.fence != nil {
		if closesFence(l, s.fence) {
			s.fence = nil
		}
		return
	}
	if s.html != 0 {
		if htmlEnds(s.html, l) {
			s.html = 0
		}
		return
	}
	indent, rest := indentation(l)
	blank := len(rest) == 0
	if s.listCol > 0 && blank && s.listEmpty {
		s.listCol = 0 // a list item can begin with at most one blank line
	}
	if s.listCol > 0 {
		s.listEmpty = false
		switch {
		case blank:
			s.listPara = false
			return
		case indent >= s.listCol:
			s.listFence, s.listPara = nested(s.listFence, l, s.listCol, s.listPara)
			return
		case !isThematicBreak(l):
			// In a list any list marker starts an item, even one that cannot interrupt a
			// paragraph elsewhere.
			if col, empty, _, content := listItem(l); col > 0 {
				s.listCol, s.listEmpty = col, empty
				s.listFence, s.listPara = nested(nil, content, 0, false)
				return
			}
			if s.listPara && !startsBlock(l, true) {
				return // a lazy continuation line of the item's paragraph
			}
		}
		s.listCol, s.listFence, s.listPara = 0, nil, false
	}
	if !isQuote(l) {
		if s.quotePara && !blank && !startsBlock(l, true) {
			return // a lazy continuation line of the quote's paragraph
		}
		s.quoteFence, s.quotePara = nil, false
	}
	switch {
	case blank:
		s.para = -1
	case indent >= 4:
		// Indented code, or a continuation line of the open paragraph.
	case isATX(l):
		level, text := atxHeading(l)
		s.para = -1
		s.out = append(s.out, heading{level: level, text: text, line: s.lines.line(pos), start: pos, end: next})
	case s.para >= 0 && setextUnderline(l) > 0:
		s.out = append(s.out, heading{level: setextUnderline(l), text: joinLines(s.src[s.para:pos]),
			line: s.lines.line(s.para), start: s.para, end: next})
		s.para = -1
	case openFence(l) != nil:
		s.fence, s.para = openFence(l), -1
	case isThematicBreak(l):
		s.para = -1
	case isQuote(l):
		s.quoteFence, s.quotePara = nested(s.quoteFence, quoted(l), 0, s.quotePara)
		s.para = -1
	case htmlStart(l, s.para >= 0) != 0:
		if kind := htmlStart(l, s.para >= 0); kind >= 6 || !htmlEnds(kind, l) {
			s.html = kind
		}
		s.para = -1
	default:
		if col, empty, interrupts, content := listItem(l); col > 0 && (s.para < 0 || interrupts) {
			s.listCol, s.listEmpty, s.para = col, empty, -1
			s.listFence, s.listPara = nested(nil, content, 0, false)
			return
		}
		if s.para < 0 {
			s.para = pos
		}
	}
}

// nested follows a line inside a container (a list item whose content starts at column col, or
// a block quote) where a paragraph is open or not: it returns the code fence open after the
// line and whether a paragraph is open after it. Quotes and list items nested in the line are
// followed to their content.
func nested(fence, l []byte, col int, para bool) ([]byte, bool) {
	l = dropColumns(l, col)
	if fence != nil {
		if closesFence(l, fence) {
			return nil, false
		}
		return fence, false
	}
	for {
		indent, rest := indentation(l)
		switch {
		case len(rest) == 0:
			return nil, false
		case indent >= 4:
			return nil, para // a paragraph's continuation, or indented code
		case openFence(l) != nil:
			return openFence(l), false
		case isQuote(l):
			l, para = quoted(l), false
			continue
		}
		if c, _, interrupts, content := listItem(l); c > 0 && !isThematicBreak(l) && (!para || interrupts) {
			l, para = content, false
			continue
		}
		if para {
			return nil, !startsBlock(l, false)
		}
		return nil, !startsBlock(l, true) && htmlStart(l, false) == 0
	}
}

// quoted strips the block quote markers from a line: "> > text" gives "text".
func quoted(l []byte) []byte {
	for isQuote(l) {
		_, rest := indentation(l)
		l = rest[1:]
		if len(l) > 0 && (l[0] == ' ' || l[0] == '\t') {
			l = l[1:]
		}
	}
	return l
}

// dropColumns removes col columns of leading white space.
func dropColumns(l []byte, col int) []byte {
	c := 0
	for i, b := range l {
		if c >= col || (b != ' ' && b != '\t') {
			return l[i:]
		}
		if b == '\t' {
			c += 4 - c%4
		} else {
			c++
		}
	}
	return nil
}
