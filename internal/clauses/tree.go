package clauses

import (
	"fmt"
	"strconv"
	"strings"
)

// openClause is a clause on the nesting stack while the tree is built.
type openClause struct {
	c   *Clause
	ref string // how sub-clause numbers refer to it, "" when numbered by position
}

// buildTree nests the headings into clauses. A heading whose number names an open clause as its
// parent ("3.4.1" under "3.4", "A.1" under "Annex A") goes under it; a top-level number ("4",
// "Annex B") in a draft numbered throughout goes to the top; anything else nests by heading
// level. Headings without a number are then numbered by position.
func buildTree(hs []heading) ([]*Clause, map[*Clause]string) {
	var roots []*Clause
	var stack []openClause
	unnumbered := 0                  // clauses on the stack numbered by position
	refs := make(map[*Clause]string) // explicitly numbered clauses
	pop := func(n int) {
		for _, o := range stack[n:] {
			if o.ref == "" {
				unnumbered--
			}
		}
		stack = stack[:n]
	}
	for i := range hs {
		h := &hs[i]
		num, title, explicit := splitNumber(h.text)
		c := &Clause{Heading: title, Body: h.body, MarkdownLevel: h.level, Line: h.line, Key: Key(title), Explicit: explicit}
		if explicit {
			c.Number = num.text
		}
		placed := false
		switch {
		case explicit && num.parent != "":
			for j := len(stack) - 1; j >= 0; j-- {
				if stack[j].ref == num.parent {
					pop(j + 1)
					placed = true
					break
				}
			}
		case explicit && unnumbered == 0:
			pop(0)
			placed = true
		}
		if !placed {
			j := len(stack)
			for j > 0 && stack[j-1].c.MarkdownLevel >= h.level {
				j--
			}
			pop(j)
		}
		if len(stack) == 0 {
			c.Level, c.Position = 1, len(roots)+1
			roots = append(roots, c)
		} else {
			p := stack[len(stack)-1].c
			c.Level, c.Position = p.Level+1, len(p.Children)+1
			p.Children = append(p.Children, c)
		}
		ref := ""
		if explicit {
			ref = num.ref
			refs[c] = ref
		} else {
			unnumbered++
		}
		stack = append(stack, openClause{c: c, ref: ref})
	}
	return roots, refs
}

// numberByPosition gives each clause without a number of its own its parent's number (or an
// annex's letter), a dot, and its position: "2", "2.1", "A.1". Where that number is written on
// another heading (an unnumbered "Foreword" before "1 Scope"), the clause is numbered by its
// heading instead ("Foreword"), with " (2)", " (3)"... when that is taken too.
func numberByPosition(roots []*Clause, refs map[*Clause]string) {
	taken := make(map[string]bool, len(refs))
	for c := range refs {
		taken[c.Number] = true
	}
	suffix := make(map[string]int)
	Walk(roots, func(c, parent *Clause) {
		if c.Explicit {
			return
		}
		n := positionalNumber(parent, refs[parent], c.Position)
		if taken[n] {
			n = headingNumber(c.Heading, n)
			for base := n; taken[n]; {
				suffix[base]++
				n = base + " (" + strconv.Itoa(suffix[base]+1) + ")"
			}
		}
		taken[n] = true
		c.Number = n
	})
}

// headingNumber makes a number of a heading: its words, at most 60 characters.
func headingNumber(heading, fallback string) string {
	words := strings.Fields(heading)
	n := strings.Join(words, " ")
	if r := []rune(n); len(r) > 60 {
		n = strings.TrimSpace(string(r[:60]))
	}
	if n == "" {
		return fallback
	}
	return n
}

// checkNumbers reports headings that carry the same number.
func checkNumbers(roots []*Clause) error {
	seen := make(map[string]*Clause)
	var problems []Problem
	extra := 0
	Walk(roots, func(c, _ *Clause) {
		if !c.Explicit {
			return
		}
		first, dup := seen[c.Number]
		if !dup {
			seen[c.Number] = c
			return
		}
		if len(problems) == maxProblems {
			extra++
			return
		}
		problems = append(problems, Problem{Code: CodeDuplicateNumber, Line: c.Line,
			Message: fmt.Sprintf("clause number %s is used twice, at lines %d and %d", c.Number, first.Line, c.Line)})
	})
	if extra > 0 {
		problems = append(problems, Problem{Code: CodeDuplicateNumber, Message: strconv.Itoa(extra) + " more clause numbers are used twice"})
	}
	if len(problems) > 0 {
		return &ParseError{Problems: problems}
	}
	return nil
}
