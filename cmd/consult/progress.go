package main

import (
	"fmt"
	"io"
	"strings"
)

// progress draws a bar of rows done on a terminal, redrawn at each whole percent; off (not a
// terminal) it writes nothing.
type progress struct {
	w        io.Writer
	on       bool
	total, n int
	shown    int // the percentage last drawn, -1 before the first
}

func newProgress(w io.Writer, total int, on bool) *progress {
	p := &progress{w: w, on: on, total: total, shown: -1}
	p.draw()
	return p
}

func (p *progress) step() {
	p.n++
	p.draw()
}

func (p *progress) draw() {
	if !p.on {
		return
	}
	pct := 100
	if p.total > 0 {
		pct = min(100, p.n*100/p.total)
	}
	if pct == p.shown {
		return
	}
	p.shown = pct
	const width = 30
	fill := pct * width / 100
	fmt.Fprintf(p.w, "\r[%s%s] %3d%% %d/%d comments", strings.Repeat("#", fill), strings.Repeat(" ", width-fill), pct, p.n, p.total)
}

// done ends the bar's line.
func (p *progress) done() {
	if p.on {
		p.shown = -1
		p.draw()
		fmt.Fprintln(p.w)
	}
}
