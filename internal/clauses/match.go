package clauses

import (
	"sort"
	"strings"
)

// Matching thresholds.
const (
	renamedSimilarity = 0.5     // same number, new heading: content at least this similar
	movedSimilarity   = 0.8     // new number and heading: body at least this similar
	movedMinWords     = 8       // and at least this long
	maxScoredPairs    = 4096    // candidate pairs scored one by one in a group of equal headings
	maxMovedPairs     = 1 << 16 // pairs of leftover clauses compared for a moved and renamed one
	similarityBudget  = 4 << 20 // words compared when scoring candidates, for one Diff
)

// node is a clause being matched.
type node struct {
	c        *Clause
	parent   *node
	children []*node
	body     string // squashed body
	words    *bag   // computed when needed
	match    *node
	by       MatchedBy
}

func (n *node) bag() bag {
	if n.words == nil {
		b := newBag(n.c.Body)
		n.words = &b
	}
	return *n.words
}

func (n *node) parentKey() string {
	if n.parent == nil {
		return ""
	}
	return "/" + n.parent.c.Key
}

// collect lists the clauses in reading order, each once, with their parents and children.
func collect(roots []*Clause) []*node {
	seen := make(map[*Clause]*node)
	get := func(c *Clause) (*node, bool) {
		if n := seen[c]; n != nil {
			return n, false
		}
		n := &node{c: c}
		seen[c] = n
		return n, true
	}
	var out []*node
	var stack []*node
	for _, r := range roots {
		if r == nil {
			continue
		}
		root, fresh := get(r)
		if !fresh {
			continue
		}
		stack = append(stack[:0], root)
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			n.body = squash(n.c.Body)
			out = append(out, n)
			first := len(stack)
			for _, ch := range n.c.Children {
				if ch == nil {
					continue
				}
				m, fresh := get(ch)
				if m.parent == nil {
					m.parent = n
				}
				n.children = append(n.children, m)
				if fresh {
					stack = append(stack, m)
				}
			}
			for a, b := first, len(stack)-1; a < b; a, b = a+1, b-1 {
				stack[a], stack[b] = stack[b], stack[a]
			}
		}
	}
	return out
}

func pair(o, n *node, by MatchedBy) {
	o.match, n.match, n.by = n, o, by
}

// match pairs old and new clauses: by heading, then by number with similar content, then by
// (nearly) the same body.
func match(olds, news []*node) {
	m := &matcher{budget: similarityBudget}
	m.byHeading(olds, news)
	m.byNumber(olds, news)
	m.byBody(olds, news)
}

// matcher bounds the work spent comparing bodies, so that a draft with thousands of alike
// clauses is still compared in linear time; past the budget bodies count as dissimilar.
type matcher struct {
	budget int
}

// similarity compares two bodies within the budget.
func (m *matcher) similarity(o, n *node) float64 {
	a, b := o.bag(), n.bag()
	cost := min(len(a.counts), len(b.counts)) + 1
	if cost > m.budget {
		m.budget = 0
		return 0
	}
	m.budget -= cost
	return similarity(a, b)
}

func (m *matcher) byHeading(olds, news []*node) {
	oldBy := make(map[string][]*node)
	for _, o := range olds {
		if o.c.Key != "" {
			oldBy[o.c.Key] = append(oldBy[o.c.Key], o)
		}
	}
	newBy := make(map[string][]*node)
	var keys []string
	for _, n := range news {
		k := n.c.Key
		if k == "" || oldBy[k] == nil {
			continue
		}
		if newBy[k] == nil {
			keys = append(keys, k)
		}
		newBy[k] = append(newBy[k], n)
	}
	for _, k := range keys {
		os, ns := oldBy[k], newBy[k]
		switch {
		case len(os) == 1 && len(ns) == 1:
			pair(os[0], ns[0], ByHeading)
		case len(os)*len(ns) <= maxScoredPairs:
			m.pairScored(os, ns)
		default:
			pairCheaply(os, ns)
		}
	}
}

// pairScored pairs clauses sharing a heading by how well their parents, bodies and numbers
// agree, best first. A pair needs the same parent heading or similar bodies.
func (m *matcher) pairScored(os, ns []*node) {
	type cand struct {
		o, n  *node
		score float64
	}
	cands := make([]cand, 0, len(os)*len(ns))
	for _, o := range os {
		for _, n := range ns {
			sim := m.similarity(o, n)
			sameParent := o.parentKey() == n.parentKey()
			if !sameParent && sim < renamedSimilarity {
				continue
			}
			score := 1.5 * sim
			if sameParent {
				score += 2
			}
			if o.c.Number == n.c.Number {
				score += 0.5
			}
			cands = append(cands, cand{o, n, score})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	for _, c := range cands {
		if c.o.match == nil && c.n.match == nil {
			pair(c.o, c.n, ByHeading)
		}
	}
}

// pairCheaply pairs a large group of clauses sharing a heading: same parent heading and body
// first, then same parent heading, in order.
func pairCheaply(os, ns []*node) {
	for _, sameBody := range []bool{true, false} {
		free := make(map[string][]*node)
		for _, o := range os {
			if o.match == nil {
				k := o.parentKey()
				if sameBody {
					k += "\x00" + o.body
				}
				free[k] = append(free[k], o)
			}
		}
		for _, n := range ns {
			if n.match != nil {
				continue
			}
			k := n.parentKey()
			if sameBody {
				k += "\x00" + n.body
			}
			if l := free[k]; len(l) > 0 {
				pair(l[0], n, ByHeading)
				free[k] = l[1:]
			}
		}
	}
}

// matchByNumber pairs clauses left over that keep their number and whose content is similar:
// the heading was reworded. Sub-clauses go first so that a reworded parent without a body of
// its own can be recognised by its children.
func (m *matcher) byNumber(olds, news []*node) {
	oldBy := make(map[string][]*node)
	for _, o := range olds {
		if o.match == nil {
			oldBy[o.c.Number] = append(oldBy[o.c.Number], o)
		}
	}
	for i := len(news) - 1; i >= 0; i-- {
		n := news[i]
		if n.match != nil {
			continue
		}
		for _, o := range oldBy[n.c.Number] {
			if o.match == nil && m.renamedScore(o, n) >= renamedSimilarity {
				pair(o, n, ByNumber)
				break
			}
		}
	}
}

// renamedScore compares the content of two clauses: their bodies, or when both have none, how
// many of their sub-clauses were paired with each other, or when they have none, their headings.
func (m *matcher) renamedScore(o, n *node) float64 {
	if o.body != "" || n.body != "" {
		return m.similarity(o, n)
	}
	if len(o.c.Children) > 0 || len(n.c.Children) > 0 {
		return childOverlap(o, n)
	}
	return similarity(newBag(o.c.Heading), newBag(n.c.Heading))
}

func childOverlap(o, n *node) float64 {
	shared := 0
	for _, ch := range n.children {
		if ch.match != nil && ch.match.parent == o {
			shared++
		}
	}
	return float64(shared) / float64(max(len(o.children), len(n.children)))
}

func (m *matcher) byBody(olds, news []*node) {
	// The same body, unique on both sides.
	oldBy := make(map[string][]*node)
	for _, o := range olds {
		if o.match == nil && strings.Count(o.body, " ") >= movedMinWords-1 {
			oldBy[o.body] = append(oldBy[o.body], o)
		}
	}
	newCount := make(map[string]int)
	for _, n := range news {
		if n.match == nil {
			newCount[n.body]++
		}
	}
	for _, n := range news {
		if l := oldBy[n.body]; n.match == nil && len(l) == 1 && newCount[n.body] == 1 {
			pair(l[0], n, ByBody)
		}
	}
	// Nearly the same body, when few clauses are left.
	var os, ns []*node
	for _, o := range olds {
		if o.match == nil && strings.Count(o.body, " ") >= movedMinWords-1 {
			os = append(os, o)
		}
	}
	for _, n := range news {
		if n.match == nil && strings.Count(n.body, " ") >= movedMinWords-1 {
			ns = append(ns, n)
		}
	}
	if len(os)*len(ns) > maxMovedPairs {
		return
	}
	for _, n := range ns {
		var best *node
		bestSim := movedSimilarity
		for _, o := range os {
			if o.match != nil {
				continue
			}
			if s := m.similarity(o, n); s >= bestSim {
				best, bestSim = o, s
			}
		}
		if best != nil {
			pair(best, n, ByBody)
		}
	}
}
