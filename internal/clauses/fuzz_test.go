package clauses

import (
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func fuzzSeeds(f *testing.F) {
	for _, name := range []string{"draft-scheme-mss-v0.3.md", "draft-scheme-mss-v0.4.md"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		"", "#", "# ", "\ufeff# T\r\n## 1 A\r\nx", "## 1 A\n## 1 B\n", "A\n===\nB\n---\n", "---\na: b\n---\n# T\n",
		"## Annex A\n### A.1 x\n#### A.1.1\n## A.2 y\n", "```\n# x\n", "## 3.4.1\n# 3\n## 3.4\n### 3.4.1.1\n",
		"## Foreword\n## 1 A\n## Foreword\n## 3 B\n", "\xff", "## 1\xe2\x82", "> # q\n- # l\n    # c\n<!--\n# h\n-->\n",
		"######## seven\n###### six\n", "\r\r\r# a\r## b\r", "## 1 A\n\x00\n## 2 B\n",
	} {
		f.Add([]byte(s))
	}
}

// FuzzParse checks that Parse never panics and that what it returns is consistent.
func FuzzParse(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, md []byte) {
		d, err := Parse(md)
		if err != nil {
			if d != nil || !errors.Is(err, ErrInvalidDraft) {
				t.Fatalf("error %v with document %v", err, d)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || len(pe.Problems) == 0 {
				t.Fatalf("not a ParseError with problems: %v", err)
			}
			return
		}
		if len(d.Clauses) == 0 {
			t.Fatal("no clauses and no error")
		}
		numbers := map[string]bool{}
		line := 0
		Walk(d.Clauses, func(c, parent *Clause) {
			if numbers[c.Number] {
				t.Fatalf("number %q twice", c.Number)
			}
			numbers[c.Number] = true
			if c.Number == "" {
				t.Fatal("empty number")
			}
			if c.Line <= line {
				t.Fatalf("clause %q at line %d after line %d", c.Number, c.Line, line)
			}
			line = c.Line
			wantLevel := 1
			if parent != nil {
				wantLevel = parent.Level + 1
				if parent.Children[c.Position-1] != c {
					t.Fatalf("clause %q not at position %d", c.Number, c.Position)
				}
			}
			if c.Level != wantLevel || c.MarkdownLevel < 1 || c.MarkdownLevel > 6 {
				t.Fatalf("clause %q: level %d, markdown level %d", c.Number, c.Level, c.MarkdownLevel)
			}
			for _, s := range []string{c.Number, c.Heading, c.Body, c.Key} {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 in %q", s)
				}
			}
			if c.Body != "" && !strings.Contains(normaliseString(md), c.Body) {
				t.Fatalf("body of %q is not a part of the source", c.Number)
			}
			if c.Key != Key(c.Heading) {
				t.Fatalf("key %q of %q", c.Key, c.Heading)
			}
		})
		for _, c := range DiffDocuments(d, d) {
			if c.Kind != Unchanged {
				t.Fatalf("a draft differs from itself: %+v", c)
			}
		}
	})
}

func normaliseString(md []byte) string { return string(normalise(md)) }

// FuzzWordDiff checks that the segments always rebuild both texts.
func FuzzWordDiff(f *testing.F) {
	f.Add("within 24 hours", "within 12 hours")
	f.Add("a\nb\nc", "a\nc\nb")
	f.Add("", "x")
	f.Add("网络安全认证", "网络安全评估")
	f.Fuzz(func(t *testing.T, old, new string) {
		checkSegments(t, old, new, WordDiff(old, new))
	})
}

// FuzzDiff checks that every clause of both drafts is accounted for once.
func FuzzDiff(f *testing.F) {
	b3, _ := os.ReadFile("testdata/draft-scheme-mss-v0.3.md")
	b4, _ := os.ReadFile("testdata/draft-scheme-mss-v0.4.md")
	f.Add(b3, b4)
	f.Add([]byte("## 1 A\nx\n## 2 B\ny\n"), []byte("## 1 B\ny\n## 2 A\nx\n"))
	f.Add([]byte("## 1 G\n### 1.1 G\n## 2 G\n"), []byte("## 1 G\n## 2 G\n### 2.1 G\n"))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		old, err1 := Parse(a)
		new, err2 := Parse(b)
		if err1 != nil || err2 != nil {
			return
		}
		checkChanges(t, old.Flatten(), new.Flatten(), DiffDocuments(old, new))
	})
}
