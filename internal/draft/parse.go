// Package draft turns a Markdown draft into a tree of numbered clauses and compares two versions
// of a draft clause by clause, matching clauses that were renumbered.
package draft

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Document is a parsed draft.
type Document struct {
	Title    string    // the single top-level heading, when the draft has one
	Preamble string    // Markdown between the title and the first clause
	Clauses  []*Clause // top-level clauses
}

// Clause is one numbered section. Body keeps its Markdown as written.
type Clause struct {
	Number   string
	Heading  string
	Body     string
	Level    int // heading depth in the clause tree, 1 for top-level clauses
	Line     int // line of the heading in the source, from 1
	Key      string
	Children []*Clause

	explicit bool
}

// MaxHeadings bounds how many clauses one draft may have.
const MaxHeadings = 20000

var (
	atxHeading = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	fenceOpen  = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
)

type heading struct {
	depth int // number of #
	text  string
	line  int
	body  []string
}

// Parse reads a Markdown draft. Headings become clauses; the text under a heading is its body.
func Parse(src []byte) (*Document, error) {
	if !utf8.Valid(src) {
		return nil, &ParseError{Problems: []Problem{{Line: lineOf(src, invalidOffset(src)), Message: "the file is not valid UTF-8 text (first bad byte at offset " + strconv.Itoa(invalidOffset(src)) + ")"}}}
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	if strings.TrimSpace(text) == "" {
		return nil, &ParseError{Problems: []Problem{{Message: "the document is empty"}}}
	}
	headings, preamble := scan(text)
	if len(headings) == 0 {
		return nil, &ParseError{Problems: []Problem{{Message: "the document has no headings: clauses are made from Markdown headings such as \"## 1 Introduction\""}}}
	}
	if len(headings) > MaxHeadings {
		return nil, &ParseError{Problems: []Problem{{Message: "the document has more than " + strconv.Itoa(MaxHeadings) + " headings"}}}
	}
	doc := &Document{}
	// A lone top-level heading at the start, above deeper ones, is the document's title.
	if headings[0].depth == 1 && countDepth(headings, 1) == 1 && len(headings) > 1 {
		doc.Title = headings[0].text
		doc.Preamble = strings.TrimSpace(strings.Join(headings[0].body, "\n"))
		headings = headings[1:]
	} else {
		doc.Preamble = strings.TrimSpace(preamble)
	}
	doc.Clauses = buildTree(headings)
	if err := checkNumbers(doc.Clauses); err != nil {
		return nil, err
	}
	return doc, nil
}

func scan(text string) ([]*heading, string) {
	var headings []*heading
	var preamble []string
	var fence string
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		if fence != "" {
			if strings.HasPrefix(strings.TrimLeft(line, " "), fence) {
				fence = ""
			}
		} else if m := fenceOpen.FindStringSubmatch(line); m != nil {
			fence = m[1][:3]
		} else if m := atxHeading.FindStringSubmatch(line); m != nil {
			headings = append(headings, &heading{depth: len(m[1]), text: strings.TrimSpace(m[2]), line: i + 1})
			continue
		}
		if len(headings) == 0 {
			preamble = append(preamble, line)
		} else {
			h := headings[len(headings)-1]
			h.body = append(h.body, line)
		}
	}
	return headings, strings.Join(preamble, "\n")
}

func countDepth(hs []*heading, depth int) int {
	n := 0
	for _, h := range hs {
		if h.depth == depth {
			n++
		}
	}
	return n
}

// buildTree nests headings by depth and gives each clause its number.
func buildTree(hs []*heading) []*Clause {
	var roots []*Clause
	type frame struct {
		depth  int
		clause *Clause
	}
	var stack []frame
	for _, h := range hs {
		number, title, explicit := splitNumber(h.text)
		c := &Clause{Number: number, Heading: title, Body: strings.TrimSpace(strings.Join(h.body, "\n")), Line: h.line, explicit: explicit, Key: Key(title)}
		for len(stack) > 0 && stack[len(stack)-1].depth >= h.depth {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			c.Level = 1
			roots = append(roots, c)
		} else {
			parent := stack[len(stack)-1].clause
			c.Level = parent.Level + 1
			parent.Children = append(parent.Children, c)
		}
		stack = append(stack, frame{h.depth, c})
	}
	numberByPosition("", roots)
	return roots
}

// numberByPosition numbers the clauses whose heading carried no number: the parent's number,
// a dot, and the position among siblings.
func numberByPosition(prefix string, siblings []*Clause) {
	for i, c := range siblings {
		if !c.explicit {
			c.Number = strconv.Itoa(i + 1)
			if prefix != "" {
				c.Number = prefix + "." + c.Number
			}
		}
		numberByPosition(c.Number, c.Children)
	}
}

func checkNumbers(roots []*Clause) error {
	seen := map[string]int{}
	var problems []Problem
	Walk(roots, func(c *Clause) {
		if first, ok := seen[c.Number]; ok {
			problems = append(problems, Problem{Line: c.Line, Message: "clause number " + c.Number + " is used twice (lines " + strconv.Itoa(first) + " and " + strconv.Itoa(c.Line) + ")"})
			return
		}
		seen[c.Number] = c.Line
		if strings.TrimSpace(c.Heading) == "" {
			problems = append(problems, Problem{Line: c.Line, Message: "clause " + c.Number + " has an empty heading"})
		}
	})
	if len(problems) > 0 {
		return &ParseError{Problems: problems}
	}
	return nil
}

// Walk calls fn for every clause in reading order.
func Walk(clauses []*Clause, fn func(*Clause)) {
	for _, c := range clauses {
		fn(c)
		Walk(c.Children, fn)
	}
}

// Flatten lists every clause in reading order.
func Flatten(clauses []*Clause) []*Clause {
	var out []*Clause
	Walk(clauses, func(c *Clause) { out = append(out, c) })
	return out
}

func invalidOffset(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func lineOf(b []byte, offset int) int {
	return bytes.Count(b[:offset], []byte("\n")) + 1
}
