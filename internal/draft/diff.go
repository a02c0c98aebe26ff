package draft

// Kind says what became of a clause between two versions.
type Kind string

// The kinds of change.
const (
	Added     Kind = "added"
	Removed   Kind = "removed"
	Changed   Kind = "changed"
	Unchanged Kind = "unchanged"
)

// Change is the fate of one clause. Old is nil for added clauses, New for removed ones.
type Change struct {
	Kind          Kind
	Old, New      *Clause
	HeadingDiff   []Segment // for changed clauses whose heading changed
	BodyDiff      []Segment // for changed clauses whose body changed
	Renumbered    bool
	HeadingEdited bool
}

// Thresholds of body similarity for matching clauses whose heading changed.
const (
	sameNumberThreshold = 0.5 // same number, new heading: a renamed clause
	anywhereThreshold   = 0.8 // new number and new heading: moved and renamed
)

// Diff compares two versions clause by clause. Clauses are matched by heading first (so a
// renumbered clause is found again), then by number with similar text (a renamed heading), then by
// very similar text anywhere. The result follows the new version's order; a removed clause comes
// right after the clause that preceded it in the old version.
func Diff(oldClauses, newClauses []*Clause) []Change {
	olds, news := Flatten(oldClauses), Flatten(newClauses)
	match := make(map[*Clause]*Clause) // new -> old
	used := make(map[*Clause]bool)     // old clauses matched

	// 1. Same heading. Where headings repeat, pair them in order.
	byKey := map[string][]*Clause{}
	for _, o := range olds {
		byKey[o.Key] = append(byKey[o.Key], o)
	}
	for _, n := range news {
		if cands := byKey[n.Key]; len(cands) > 0 {
			match[n] = cands[0]
			used[cands[0]] = true
			byKey[n.Key] = cands[1:]
		}
	}
	// 2. Same number, similar body.
	byNumber := map[string]*Clause{}
	for _, o := range olds {
		if !used[o] {
			byNumber[o.Number] = o
		}
	}
	for _, n := range news {
		if o, ok := byNumber[n.Number]; ok && match[n] == nil && !used[o] && similarity(o.Body, n.Body) >= sameNumberThreshold {
			match[n], used[o] = o, true
		}
	}
	// 3. Very similar body anywhere.
	for _, n := range news {
		if match[n] != nil || n.Body == "" {
			continue
		}
		var best *Clause
		bestScore := anywhereThreshold
		for _, o := range olds {
			if used[o] {
				continue
			}
			if s := similarity(o.Body, n.Body); s >= bestScore {
				best, bestScore = o, s
			}
		}
		if best != nil {
			match[n], used[best] = best, true
		}
	}

	removedAfter := map[*Clause][]*Clause{} // old predecessor -> removed clauses following it
	var removedFirst []*Clause
	var prev *Clause
	for _, o := range olds {
		if !used[o] {
			if prev == nil {
				removedFirst = append(removedFirst, o)
			} else {
				removedAfter[prev] = append(removedAfter[prev], o)
			}
			continue
		}
		prev = o
	}

	changes := make([]Change, 0, len(news)+len(olds))
	for _, o := range removedFirst {
		changes = append(changes, Change{Kind: Removed, Old: o})
	}
	for _, n := range news {
		o := match[n]
		if o == nil {
			changes = append(changes, Change{Kind: Added, New: n})
			continue
		}
		changes = append(changes, compare(o, n))
		for _, r := range removedAfter[o] {
			changes = append(changes, Change{Kind: Removed, Old: r})
		}
	}
	return changes
}

func compare(o, n *Clause) Change {
	c := Change{Kind: Unchanged, Old: o, New: n, Renumbered: o.Number != n.Number}
	if o.Heading != n.Heading {
		c.Kind, c.HeadingEdited, c.HeadingDiff = Changed, true, WordDiff(o.Heading, n.Heading)
	}
	if o.Body != n.Body {
		c.Kind, c.BodyDiff = Changed, WordDiff(o.Body, n.Body)
	}
	return c
}
