package clauses

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/stretchr/testify/assert"
)

// goldmarkHeadings finds the top-level headings of src with goldmark, a CommonMark
// implementation, as an oracle for the scanner.
func goldmarkHeadings(src []byte) []heading {
	lines := newLineIndex(src)
	p := parser.NewParser(parser.WithBlockParsers(parser.DefaultBlockParsers()...))
	root := p.Parse(text.NewReader(src))
	var hs []heading
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok {
			continue
		}
		segs := h.Lines()
		pos := h.Pos()
		setext := segs.Len() > 0 && pos == segs.At(0).Start
		hd := heading{level: h.Level, start: lines.start(pos), line: lines.line(pos), end: lines.next(pos, len(src))}
		if setext {
			last := segs.At(segs.Len() - 1).Start
			hd.end = lines.next(lines.next(last, len(src)), len(src))
		}
		parts := make([]string, 0, segs.Len())
		for i := 0; i < segs.Len(); i++ {
			s := segs.At(i)
			parts = append(parts, string(bytes.Trim(src[s.Start:s.Stop], " \t\n")))
		}
		hd.text = strings.Join(parts, " ")
		hs = append(hs, hd)
	}
	return hs
}

func describe(hs []heading) string {
	var b strings.Builder
	for _, h := range hs {
		fmt.Fprintf(&b, "h%d line %d [%d,%d) %q\n", h.level, h.line, h.start, h.end, h.text)
	}
	return b.String()
}

// scannerCorpus holds Markdown on which the scanner must find exactly the headings goldmark
// finds.
var scannerCorpus = []string{
	"# A\n## B\ntext\n### C ###\n#### D #\\#\n##### E#\n###### F\n####### G\n#\n##\t\tTab\n",
	"   # three spaces\n    # four spaces\n\t# tab\n",
	"Title\n=====\n\nSub\ntitle\n---\n\n   Indented\n   ===   \n",
	"para\n    # indented continuation\n---\n",
	"    code\n---\n",
	"```\n# a\n```\n# b\n~~~\n# c\n```\n# d\n~~~\n````md\n```\n# e\n````\n# f\n",
	"``` not`a fence\n# g\n",
	"```\n# unclosed fence\n",
	"<!--\n# a\n-->\n# b\n<div>\n# c\n\n# d\n<pre>\n# e\n\n</pre>\n# f\n<?php\n# g\n?>\n# h\n<!DOCTYPE x\n# i\n>\n# j\n<![CDATA[\n# k\n]]>\n# l\n",
	"<custom-tag>\n# a\n\n# b\npara\n<custom-tag>\n# c\n",
	"<!-- one line -->\n# a\n<div>x</div>\n# b\n",
	"> # quoted\n# a\n> quote\ncontinued\n---\n> quote\n\ntext\n---\n",
	"> ```\n> code\nfoo\n---\n",
	"- # listed\n# a\n- item\n  # in item\n\n  # still in item\n\n# b\n- item\ncontinued\n# c\n",
	"1. one\n2. two\n   # in item\n# a\n10) ten\n    # in item\n# b\n",
	"text\n2. not a list\n# a\ntext\n1. a list\n# b\n",
	"- \n  # in empty item\n# a\n",
	"-\tTabbed\n    # in item\n# a\n",
	"-      five spaces\n  # in item\n# a\n",
	"* * *\n# a\n- - -\n# b\n___\n# c\npara\n***\n# d\n",
	"text\n===\n- item\n===\n",
	"- item\n---\n# a\n",
	"para\n<div>\n# a\n\npara\n<span>\n# b\n",
	"# Title\n\nPreamble.\n\n## 1 Introduction\n\n### 1.1 Purpose\n\nText.\n\n## Annex A Mapping\n",
	"## 3.4.1 Notification\n\nThe provider shall notify:\n\n- the customer;\n- the authority.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## 3.4.2 Next\n",
	"## Émission — Ελληνικά\n\nΚείμενο\n\n## Заглавие\n",
	"* 0)\n0\n-\n",
	">0\n*\n0\n=\n",
	"*     0\n0\n  #\n",
	"*\n\n  0\n=\n",
	"0) 0\n00) \n   #\n",
	"0\n0\n- #\n0\n=\n",
	"</pre>\n# a\n",
	"Line one\nLine two\n\n> quote\n> # inside\n\n1. ordered\n   ```\n   # code in item\n   ```\n# after\n",
}

func TestScannerMatchesGoldmark(t *testing.T) {
	corpus := append([]string{}, scannerCorpus...)
	for _, name := range []string{"draft-scheme-mss-v0.3.md", "draft-scheme-mss-v0.4.md"} {
		corpus = append(corpus, render(sample(t, name)))
	}
	for i, md := range corpus {
		src := []byte(md)
		want := describe(goldmarkHeadings(src))
		got := describe(scanHeadings(src, 0, newLineIndex(src)))
		assert.Equal(t, want, got, "corpus %d:\n%s", i, md)
	}
}
