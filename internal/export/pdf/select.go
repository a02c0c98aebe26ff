package pdf

import (
	"container/heap"
	"sort"

	"consult/models"
)

// entry is one comment kept for the report with its place in clause order: the clause's reading
// position, then order of arrival.
type entry struct {
	pos, seq int
	row      models.ExportRow
}

func (a *entry) before(b *entry) bool {
	if a.pos != b.pos {
		return a.pos < b.pos
	}
	return a.seq < b.seq
}

// latest is a max-heap on clause order: its top is the comment that would come last.
type latest []*entry

func (h latest) Len() int           { return len(h) }
func (h latest) Less(i, j int) bool { return h[j].before(h[i]) }
func (h latest) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *latest) Push(x any)        { *h = append(*h, x.(*entry)) }
func (h *latest) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}

// selection keeps the first limit comments in clause order out of a stream of any length, holding
// at most limit rows.
type selection struct {
	limit    int
	position func(clause string) int
	kept     latest
	seen     int
}

func (s *selection) add(r *models.ExportRow) {
	e := &entry{pos: s.position(r.ClauseNumber), seq: s.seen, row: *r}
	s.seen++
	if len(s.kept) == s.limit && !e.before(s.kept[0]) {
		return
	}
	cleanRow(&e.row)
	switch {
	case len(s.kept) < s.limit:
		heap.Push(&s.kept, e)
	case e.before(s.kept[0]):
		s.kept[0] = e
		heap.Fix(&s.kept, 0)
	}
}

// sorted gives the kept comments in clause order.
func (s *selection) sorted() []*entry {
	out := []*entry(s.kept)
	sort.Slice(out, func(i, j int) bool { return out[i].before(out[j]) })
	return out
}
