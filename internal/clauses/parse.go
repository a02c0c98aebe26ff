package clauses

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Bounds on the drafts Parse accepts.
const (
	MaxBytes   = 32 << 20 // size
	MaxClauses = 50000    // headings
)

// Parse turns a Markdown draft into a document of numbered clauses. It fails with a
// [*ParseError] when the draft is empty, too large, not UTF-8, has no heading, or gives two
// clauses the same number.
func Parse(markdown []byte) (*Document, error) {
	if len(markdown) > MaxBytes {
		return nil, problem(CodeTooLarge, 0, fmt.Sprintf("the draft is %d bytes long; at most %d bytes are accepted", len(markdown), MaxBytes))
	}
	if off := invalidUTF8(markdown); off >= 0 {
		e := problem(CodeInvalidUTF8, lineAt(markdown, off),
			fmt.Sprintf("the draft is not valid UTF-8 text: byte offset %d holds %#02x; save the file as UTF-8", off, markdown[off]))
		e.Problems[0].Offset = off
		return nil, e
	}
	src := normalise(markdown)
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, problem(CodeEmpty, 0, "the draft is empty")
	}
	doc := &Document{}
	start := 0
	if fm, end, ok := frontMatter(src); ok {
		doc.FrontMatter, start = fm, end
	}
	lines := newLineIndex(src)
	hs := scanHeadings(src, start, lines)
	if len(hs) == 0 {
		return nil, problem(CodeNoHeadings, 0, `the draft has no headings; clauses are made from Markdown headings such as "## 3.4 Incident handling"`)
	}
	first := 0
	if isTitle(hs) && len(bytes.TrimSpace(src[start:hs[0].start])) == 0 {
		doc.Title, doc.TitleLine = hs[0].text, hs[0].line
		start, first = hs[0].end, 1
	}
	doc.Preamble = trimBody(src[start:hs[first].start])
	hs = hs[first:]
	if len(hs) > MaxClauses {
		return nil, problem(CodeTooManyClauses, 0, fmt.Sprintf("the draft has %d clauses; at most %d are accepted", len(hs), MaxClauses))
	}
	for i := range hs {
		end := len(src)
		if i+1 < len(hs) {
			end = hs[i+1].start
		}
		hs[i].body = trimBody(src[hs[i].end:end])
	}
	roots, refs := buildTree(hs)
	if err := checkNumbers(roots); err != nil {
		return nil, err
	}
	numberByPosition(roots, refs)
	doc.Clauses = roots
	return doc, nil
}

// invalidUTF8 returns the offset of the first byte that is not UTF-8, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// lineAt counts the lines up to offset, whatever the line endings.
func lineAt(b []byte, offset int) int {
	line := 1
	for i, c := range b[:offset] {
		if c == '\n' || c == '\r' && (i+1 >= len(b) || b[i+1] != '\n') {
			line++
		}
	}
	return line
}

// normalise drops a byte order mark and turns CRLF and lone CR line endings into LF.
func normalise(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != '\r' {
			out = append(out, b[i])
			continue
		}
		out = append(out, '\n')
		if i+1 < len(b) && b[i+1] == '\n' {
			i++
		}
	}
	return out
}

// frontMatter finds YAML front matter: a "---" line at the very start, up to the next "---" or
// "..." line, holding at least one "key:" line and no Markdown heading below level one (a
// draft that merely opens with a thematic break keeps its clauses). It returns the text
// between the fences and the offset after the closing one.
func frontMatter(src []byte) (string, int, bool) {
	fm, end, ok := fencedFrontMatter(src)
	if !ok || !yamlKey.MatchString(fm) || subHeading.MatchString(fm) {
		return "", 0, false
	}
	return fm, end, true
}

var (
	yamlKey    = regexp.MustCompile(`(?m)^[\w.-]+:([ \t]|$)`)
	subHeading = regexp.MustCompile(`(?m)^ {0,3}#{2,6}([ \t]|$)`)
)

func fencedFrontMatter(src []byte) (string, int, bool) {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return "", 0, false
	}
	for pos := 4; pos < len(src); {
		end := bytes.IndexByte(src[pos:], '\n')
		next := len(src)
		if end >= 0 {
			end += pos
			next = end + 1
		} else {
			end = len(src)
		}
		line := strings.TrimRight(string(src[pos:end]), " \t")
		if line == "---" || line == "..." {
			return string(src[4:pos]), next, true
		}
		pos = next
	}
	return "", 0, false
}

// isTitle says whether the first heading is the document's title: a level-one heading without
// a number of its own, followed by other headings none of which is level one. The caller checks
// that nothing but blank lines comes before it.
func isTitle(hs []heading) bool {
	if len(hs) < 2 || hs[0].level != 1 {
		return false
	}
	if _, _, numbered := splitNumber(hs[0].text); numbered {
		return false
	}
	for _, h := range hs[1:] {
		if h.level == 1 {
			return false
		}
	}
	return true
}

// trimBody drops leading blank lines and trailing white space, keeping the indentation of the
// first non-blank line.
func trimBody(b []byte) string {
	for {
		nl := bytes.IndexByte(b, '\n')
		if nl < 0 || len(bytes.Trim(b[:nl], " \t")) > 0 {
			break
		}
		b = b[nl+1:]
	}
	b = bytes.TrimRight(b, " \t\n\v\f")
	if len(bytes.Trim(b, " \t")) == 0 {
		return ""
	}
	return string(b)
}

// lineIndex maps byte offsets to line numbers.
type lineIndex []int // offsets where lines start

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// line returns the line (from 1) holding offset.
func (l lineIndex) line(offset int) int {
	lo, hi := 0, len(l) // first start > offset
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if l[mid] <= offset {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// start returns the offset where the line holding offset starts.
func (l lineIndex) start(offset int) int { return l[l.line(offset)-1] }

// next returns the offset of the line after the one holding offset (or end, at the last line).
func (l lineIndex) next(offset, end int) int {
	n := l.line(offset)
	if n < len(l) {
		return l[n]
	}
	return end
}
