package clauses

// Work bounds, in steps of Myers' algorithm (about 3 ns each). Past them, what is left to
// compare is reported as replaced whole: correct, only coarser.
const (
	wordDiffWork = 32 << 20  // for one WordDiff
	diffWork     = 128 << 20 // for all the word diffs of one Diff
)

// tokenDiff finds a shortest edit script between two sequences with Myers' linear-space
// algorithm (as diff-match-patch's bisect does), and marks the elements of a that are deleted
// and of b that are inserted. Its work budget is shared by all the sequences it compares.
type tokenDiff struct {
	a, b       []int32
	delA, insB []bool
	v1, v2     []int
	work       int
}

// diff marks in delA and insB (as long as a and b) what turns a into b.
func (d *tokenDiff) diff(a, b []int32, delA, insB []bool) {
	d.a, d.b, d.delA, d.insB = a, b, delA, insB
	d.compare(0, len(a), 0, len(b))
}

// compare marks the differences between a[x0:x1] and b[y0:y1].
func (d *tokenDiff) compare(x0, x1, y0, y1 int) {
	for x0 < x1 && y0 < y1 && d.a[x0] == d.b[y0] {
		x0, y0 = x0+1, y0+1
	}
	for x0 < x1 && y0 < y1 && d.a[x1-1] == d.b[y1-1] {
		x1, y1 = x1-1, y1-1
	}
	if x0 == x1 || y0 == y1 {
		d.replace(x0, x1, y0, y1)
		return
	}
	x, y, ok := d.bisect(x0, x1, y0, y1)
	if !ok {
		d.replace(x0, x1, y0, y1)
		return
	}
	d.compare(x0, x, y0, y)
	d.compare(x, x1, y, y1)
}

func (d *tokenDiff) replace(x0, x1, y0, y1 int) {
	for i := x0; i < x1; i++ {
		d.delA[i] = true
	}
	for j := y0; j < y1; j++ {
		d.insB[j] = true
	}
}

// bisect finds the middle snake of a[x0:x1] and b[y0:y1], returning the point where the
// problem splits into two. It fails when the two have nothing in common or the work runs out.
func (d *tokenDiff) bisect(x0, x1, y0, y1 int) (int, int, bool) {
	a, b := d.a[x0:x1], d.b[y0:y1]
	n, m := len(a), len(b)
	maxD := (n + m + 1) / 2
	off, size := maxD, 2*maxD+2
	if cap(d.v1) < size {
		d.v1, d.v2 = make([]int, size), make([]int, size)
	}
	v1, v2 := d.v1[:size], d.v2[:size]
	for i := range v1 {
		v1[i], v2[i] = -1, -1
	}
	v1[off+1], v2[off+1] = 0, 0
	delta := n - m
	front := delta%2 != 0 // the forward path meets the reverse one
	k1start, k1end, k2start, k2end := 0, 0, 0, 0
	for D := 0; D < maxD; D++ {
		if d.work -= 2*D + 1; d.work < 0 {
			return 0, 0, false
		}
		for k1 := -D + k1start; k1 <= D-k1end; k1 += 2 {
			i := off + k1
			var x int
			if k1 == -D || (k1 != D && v1[i-1] < v1[i+1]) {
				x = v1[i+1]
			} else {
				x = v1[i-1] + 1
			}
			y := x - k1
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			d.work -= x - v1[i]
			v1[i] = x
			switch {
			case x > n:
				k1end += 2
			case y > m:
				k1start += 2
			case front:
				if j := off + delta - k1; j >= 0 && j < size && v2[j] != -1 && x >= n-v2[j] {
					return x0 + x, y0 + y, true
				}
			}
		}
		for k2 := -D + k2start; k2 <= D-k2end; k2 += 2 {
			i := off + k2
			var x int
			if k2 == -D || (k2 != D && v2[i-1] < v2[i+1]) {
				x = v2[i+1]
			} else {
				x = v2[i-1] + 1
			}
			y := x - k2
			for x < n && y < m && a[n-x-1] == b[m-y-1] {
				x, y = x+1, y+1
			}
			d.work -= x - v2[i]
			v2[i] = x
			switch {
			case x > n:
				k2end += 2
			case y > m:
				k2start += 2
			case !front:
				if j := off + delta - k2; j >= 0 && j < size && v1[j] != -1 {
					fx := v1[j]
					fy := off + fx - j
					if fx >= n-x {
						return x0 + fx, y0 + fy, true
					}
				}
			}
		}
	}
	return 0, 0, false
}
