package clauses

// Kind says what became of a clause from one version to the next.
type Kind string

// The kinds of change.
const (
	Added     Kind = "added"
	Removed   Kind = "removed"
	Changed   Kind = "changed"
	Unchanged Kind = "unchanged"
)

// MatchedBy says how a clause of the new version was paired with one of the old.
type MatchedBy string

// The ways of pairing clauses.
const (
	ByHeading MatchedBy = "heading" // same normalised heading
	ByNumber  MatchedBy = "number"  // same number, similar content: the heading was reworded
	ByBody    MatchedBy = "body"    // same or nearly the same body under another number and heading
)

// Change is what became of one clause. Old is nil for an added clause, New for a removed one.
type Change struct {
	Kind       Kind      `json:"kind"`
	OldNumber  string    `json:"old_number,omitempty"`
	NewNumber  string    `json:"new_number,omitempty"`
	OldHeading string    `json:"old_heading,omitempty"`
	NewHeading string    `json:"new_heading,omitempty"`
	MatchedBy  MatchedBy `json:"matched_by,omitempty"`
	// HeadingDiff is set on a changed clause whose heading changed.
	HeadingDiff []Segment `json:"heading_diff,omitempty"`
	// BodyDiff is set on a changed clause whose body changed.
	BodyDiff []Segment `json:"body_diff,omitempty"`
	Old      *Clause   `json:"-"`
	New      *Clause   `json:"-"`
}

// Renumbered reports whether a clause present in both versions changed number.
func (c Change) Renumbered() bool {
	return c.Old != nil && c.New != nil && c.OldNumber != c.NewNumber
}

// DiffDocuments compares two parsed versions of a draft; see [Diff].
func DiffDocuments(old, new *Document) []Change {
	return Diff(old.Clauses, new.Clauses)
}

// Diff compares two versions of a draft clause by clause. Each argument is a clause tree (the
// top-level clauses) or a flat list from [Flatten]; every clause is considered once. The result
// follows the new version's reading order; a removed clause comes right after the clause that
// preceded it in the old version (first, when nothing did). Clauses whose heading and body
// differ only in white space are unchanged. The work is bounded: past a budget (reached only
// when large clauses are rewritten throughout) word diffs become whole replacements.
func Diff(old, new []*Clause) []Change {
	olds, news := collect(old), collect(new)
	match(olds, news)

	// Removed clauses go after the change of their nearest matched predecessor.
	after := make(map[*node][]*node) // new node, or nil for the start -> removed old nodes
	var anchor *node
	for _, o := range olds {
		if o.match != nil {
			anchor = o.match
		} else {
			after[anchor] = append(after[anchor], o)
		}
	}
	work := &tokenDiff{work: diffWork}
	changes := make([]Change, 0, len(news)+len(after))
	removed := func(at *node) {
		for _, o := range after[at] {
			changes = append(changes, Change{Kind: Removed, OldNumber: o.c.Number, OldHeading: o.c.Heading, Old: o.c})
		}
	}
	removed(nil)
	for _, n := range news {
		if n.match == nil {
			changes = append(changes, Change{Kind: Added, NewNumber: n.c.Number, NewHeading: n.c.Heading, New: n.c})
		} else {
			changes = append(changes, compare(n.match, n, work))
		}
		removed(n)
	}
	return changes
}

// compare describes a matched pair, its word diffs within work.
func compare(o, n *node, work *tokenDiff) Change {
	ch := Change{
		Kind:      Unchanged,
		OldNumber: o.c.Number, NewNumber: n.c.Number,
		OldHeading: o.c.Heading, NewHeading: n.c.Heading,
		MatchedBy: n.by,
		Old:       o.c, New: n.c,
	}
	if squash(o.c.Heading) != squash(n.c.Heading) {
		ch.Kind, ch.HeadingDiff = Changed, wordDiff(o.c.Heading, n.c.Heading, work)
	}
	if o.body != n.body {
		ch.Kind, ch.BodyDiff = Changed, wordDiff(o.c.Body, n.c.Body, work)
	}
	return ch
}
