package main

import (
	"bufio"
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// heapMiB reads the server's heap from /metrics (which answers loopback), in MiB: the allocated
// heap (go_memstats_heap_alloc_bytes, garbage not yet collected included) and the live heap (the
// heap the last collection kept, go_gc_heap_live_bytes).
func (r *rig) heapMiB(ctx context.Context) (alloc, live float64, ok bool) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.baseURL+"/metrics", nil)
	if err != nil {
		return 0, 0, false
	}
	// Plain text: the server's own compression of /metrics is not undone by Go's client.
	req.Header.Set("Accept-Encoding", "identity")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, 0, false
	}
	defer resp.Body.Close()
	found := 0
	s := bufio.NewScanner(resp.Body)
	for s.Scan() && found < 2 {
		for name, into := range map[string]*float64{"go_memstats_heap_alloc_bytes ": &alloc, "go_gc_heap_live_bytes ": &live} {
			if v, is := strings.CutPrefix(s.Text(), name); is {
				bytes, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil {
					return 0, 0, false
				}
				*into = bytes / (1 << 20)
				found++
			}
		}
	}
	return alloc, live, found == 2
}

// watchHeap samples the server's heap every 100 ms until the returned function is called, which
// gives the heap when the watch began and the most seen since, allocated and live: what one long
// request needs, even when the process already holds memory from earlier scenarios (which VmHWM
// cannot tell apart). The live heap is what the request holds; the allocated heap grows with its
// garbage too, by as much as the collector lets it (up to the live heap again, at GOGC=100).
func (r *rig) watchHeap(ctx context.Context) func() heapWatch {
	var w heapWatch
	w.allocBefore, w.liveBefore, _ = r.heapMiB(ctx)
	w.allocPeak, w.livePeak = w.allocBefore, w.liveBefore
	stop, done := make(chan struct{}), make(chan heapWatch)
	go func() {
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				done <- w
				return
			case <-t.C:
				if alloc, live, ok := r.heapMiB(ctx); ok {
					w.allocPeak, w.livePeak = max(w.allocPeak, alloc), max(w.livePeak, live)
				}
			}
		}
	}()
	return func() heapWatch { close(stop); return <-done }
}

// heapWatch is what watchHeap saw, in MiB.
type heapWatch struct {
	allocBefore, allocPeak, liveBefore, livePeak float64
}
