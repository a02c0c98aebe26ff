package clauses

import (
	"bytes"
	"regexp"
)

// The functions of this file classify one line of Markdown the way CommonMark's block structure
// sees it, as far as the scanner needs.

// indentation returns the column of a line's first non-blank character (tabs stop every four
// columns) and the rest of the line from there.
func indentation(l []byte) (int, []byte) {
	col := 0
	for i, c := range l {
		switch c {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return col, l[i:]
		}
	}
	return col, nil
}

// startsBlock says whether a line would open a block rather than continue an open paragraph:
// directly (lazy false), where only a bullet or a list from 1 with content interrupts it, or
// lazily, after containers that the line does not continue, where any list item does.
func startsBlock(l []byte, lazy bool) bool {
	if indent, _ := indentation(l); indent >= 4 {
		return false
	}
	if isATX(l) || openFence(l) != nil || isThematicBreak(l) || isQuote(l) || htmlStart(l, true) != 0 {
		return true
	}
	col, _, interrupts, _ := listItem(l)
	return col > 0 && (lazy || interrupts)
}

// isATX says whether a line is an ATX heading: up to three spaces, one to six '#', then a space,
// a tab or the end of the line.
func isATX(l []byte) bool {
	l = bytes.TrimLeft(l, " ")
	n := 0
	for n < len(l) && l[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(l) || l[n] == ' ' || l[n] == '\t')
}

// atxHeading returns the level and text of an ATX heading line, without the optional closing
// sequence of '#'.
func atxHeading(l []byte) (int, string) {
	l = bytes.TrimLeft(l, " ")
	n := bytes.IndexFunc(l, func(r rune) bool { return r != '#' })
	if n < 0 {
		return len(l), ""
	}
	text := bytes.Trim(l[n:], " \t")
	end := len(text)
	for end > 0 && text[end-1] == '#' {
		end--
	}
	switch {
	case end == 0:
		text = nil
	case text[end-1] == ' ' || text[end-1] == '\t':
		text = bytes.TrimRight(text[:end], " \t")
	}
	return n, string(text)
}

// setextUnderline returns 1 for a === line, 2 for a --- line, else 0.
func setextUnderline(l []byte) int {
	l = bytes.TrimRight(bytes.TrimLeft(l, " "), " \t")
	if len(l) == 0 || (l[0] != '=' && l[0] != '-') || len(bytes.Trim(l, string(l[:1]))) > 0 {
		return 0
	}
	if l[0] == '=' {
		return 1
	}
	return 2
}

// joinLines joins a setext heading's lines, trimmed, with spaces.
func joinLines(b []byte) string {
	parts := bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
	for i, p := range parts {
		parts[i] = bytes.Trim(p, " \t")
	}
	return string(bytes.Join(parts, []byte(" ")))
}

var thematicBreak = regexp.MustCompile(`^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$`)

func isThematicBreak(l []byte) bool {
	_, rest := indentation(l)
	return len(rest) > 0 && (rest[0] == '*' || rest[0] == '-' || rest[0] == '_') && thematicBreak.Match(l)
}

func isQuote(l []byte) bool {
	indent, rest := indentation(l)
	return indent < 4 && len(rest) > 0 && rest[0] == '>'
}

// openFence returns the fence a line opens (three or more '`' or '~'), or nil.
func openFence(l []byte) []byte {
	l = bytes.TrimLeft(l, " ")
	if len(l) < 3 || (l[0] != '`' && l[0] != '~') {
		return nil
	}
	n := 0
	for n < len(l) && l[n] == l[0] {
		n++
	}
	if n < 3 || (l[0] == '`' && bytes.IndexByte(l[n:], '`') >= 0) {
		return nil
	}
	return l[:n]
}

// closesFence says whether a line closes the fence: the same character, at least as many, and
// nothing else but white space, indented less than four columns.
func closesFence(l, fence []byte) bool {
	indent, rest := indentation(l)
	if indent >= 4 {
		return false
	}
	n := 0
	for n < len(rest) && rest[n] == fence[0] {
		n++
	}
	return n >= len(fence) && len(bytes.Trim(rest[n:], " \t")) == 0
}

// listItem reads a list marker ("-", "+", "*", "1.", "1)") and returns the column where the
// item's content starts (0 when the line is no list item), whether the item is empty, whether
// it may interrupt a paragraph (non-empty, and a bullet or an ordered list from 1), and the
// content on the marker's line.
func listItem(l []byte) (col int, empty, interrupts bool, content []byte) {
	indent, rest := indentation(l)
	if indent >= 4 || len(rest) == 0 {
		return 0, false, false, nil
	}
	width, first := 0, true
	switch c := rest[0]; {
	case c == '-' || c == '+' || c == '*':
		width = 1
	case c >= '0' && c <= '9':
		for width < len(rest) && width < 10 && rest[width] >= '0' && rest[width] <= '9' {
			width++
		}
		if width > 9 || width == len(rest) || (rest[width] != '.' && rest[width] != ')') {
			return 0, false, false, nil
		}
		first = string(bytes.TrimLeft(rest[:width], "0")) == "1"
		width++
	default:
		return 0, false, false, nil
	}
	after := rest[width:]
	if len(after) > 0 && after[0] != ' ' && after[0] != '\t' {
		return 0, false, false, nil
	}
	markerEnd := indent + width
	_, content = indentation(after)
	spaces := columnsFrom(markerEnd, after[:len(after)-len(content)])
	switch {
	case len(content) == 0:
		return markerEnd + 1, true, false, nil
	case spaces > 4:
		return markerEnd + 1, false, first, after[1:] // the content is indented code
	}
	return markerEnd + spaces, false, first, content
}

// columnsFrom counts the columns white space ws takes when it starts at column start.
func columnsFrom(start int, ws []byte) int {
	col := start
	for _, c := range ws {
		if c == '\t' {
			col += 4 - col%4
		} else {
			col++
		}
	}
	return col - start
}

var (
	htmlKind1 = regexp.MustCompile(`(?i)^ {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|$)`)
	htmlKind6 = regexp.MustCompile(`(?i)^ {0,3}</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[ \t>]|/>|$)`) //nolint:misspell // HTML's <center>
	htmlKind7 = regexp.MustCompile(`^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^"'=<>` + "`" + ` \t]+|'[^']*'|"[^"]*"))?)*[ \t]*/?>|</[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$`)
	htmlEnd1  = regexp.MustCompile(`(?i)</(?:script|pre|style|textarea)>`)
	htmlRaw   = regexp.MustCompile(`(?i)^ {0,3}</?(?:script|pre|style|textarea)(?:[^A-Za-z0-9-]|$)`)
)

// htmlStart returns the kind of HTML block (1 to 7, as CommonMark numbers them) a line opens,
// or 0. Kind 7 cannot interrupt a paragraph.
func htmlStart(l []byte, inParagraph bool) int {
	_, rest := indentation(l)
	if len(rest) < 2 || rest[0] != '<' || len(l)-len(rest) > 3 {
		return 0
	}
	switch {
	case htmlKind1.Match(l):
		return 1
	case bytes.HasPrefix(rest, []byte("<!--")):
		return 2
	case bytes.HasPrefix(rest, []byte("<?")):
		return 3
	case len(rest) > 2 && rest[1] == '!' && (rest[2]|0x20) >= 'a' && (rest[2]|0x20) <= 'z':
		return 4
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		return 5
	case htmlKind6.Match(l):
		return 6
	case !inParagraph && !htmlRaw.Match(l) && htmlKind7.Match(l):
		return 7
	}
	return 0
}

// htmlEnds says whether a line ends an HTML block of the kind.
func htmlEnds(kind int, l []byte) bool {
	switch kind {
	case 1:
		return htmlEnd1.Match(l)
	case 2:
		return bytes.Contains(l, []byte("-->"))
	case 3:
		return bytes.Contains(l, []byte("?>"))
	case 4:
		return bytes.IndexByte(l, '>') >= 0
	case 5:
		return bytes.Contains(l, []byte("]]>"))
	}
	return len(bytes.Trim(l, " \t")) == 0
}
