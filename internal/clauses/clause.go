package clauses

// Document is a parsed draft.
type Document struct {
	// Title is the text of the draft's title heading, or "" when it has none.
	Title string
	// TitleLine is the line of the title heading (from 1), or 0.
	TitleLine int
	// FrontMatter is the YAML front matter without its "---" fences, or "".
	FrontMatter string
	// Preamble is the Markdown between the title (or the start) and the first clause.
	Preamble string
	// Clauses are the top-level clauses, each holding its sub-clauses.
	Clauses []*Clause
}

// Clause is one numbered section of a draft.
type Clause struct {
	// Number is the heading's own number ("3.4.1", "Annex A", "A.1") or one derived from the
	// clause's position ("2.1"), or, when another heading carries that one, from its heading
	// ("Foreword"). Numbers are unique within a document.
	Number string
	// Heading is the heading text without its number, inline Markdown kept as written.
	Heading string
	// Body is the Markdown between this heading and the next one, trimmed of leading blank
	// lines and trailing white space.
	Body string
	// Level is the depth in the clause tree: 1 for top-level clauses.
	Level int
	// MarkdownLevel is the heading level in the source: 1 for "#" up to 6 for "######".
	MarkdownLevel int
	// Position is the clause's place among its siblings, from 1.
	Position int
	// Line is the line of the heading in the source, from 1.
	Line int
	// Key is the normalised heading (see [Key]), used to match the clause across versions.
	// Unlike Number it need not be unique.
	Key string
	// Explicit says the number was written in the heading rather than derived from position.
	Explicit bool
	// Children are the sub-clauses in reading order.
	Children []*Clause
}

// Walk calls fn for every clause of the trees in reading order (a clause, then its
// sub-clauses), with the clause's parent or nil for roots.
func Walk(roots []*Clause, fn func(c, parent *Clause)) {
	type frame struct {
		c, parent *Clause
	}
	stack := make([]frame, 0, len(roots))
	for i := len(roots) - 1; i >= 0; i-- {
		stack = append(stack, frame{roots[i], nil})
	}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		fn(f.c, f.parent)
		for i := len(f.c.Children) - 1; i >= 0; i-- {
			stack = append(stack, frame{f.c.Children[i], f.c})
		}
	}
}

// Flatten lists every clause of the trees in reading order.
func Flatten(roots []*Clause) []*Clause {
	var out []*Clause
	Walk(roots, func(c, _ *Clause) { out = append(out, c) })
	return out
}

// Flatten lists every clause of the document in reading order.
func (d *Document) Flatten() []*Clause { return Flatten(d.Clauses) }

// Find returns the clause with the given number, or nil.
func (d *Document) Find(number string) *Clause {
	var found *Clause
	Walk(d.Clauses, func(c, _ *Clause) {
		if found == nil && c.Number == number {
			found = c
		}
	})
	return found
}
