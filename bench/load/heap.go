package main

import (
	"bufio"
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// heapMiB reads the server's live heap (go_memstats_heap_alloc_bytes of /metrics, which answers
// loopback) in MiB.
func (r *rig) heapMiB(ctx context.Context) (float64, bool) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.baseURL+"/metrics", nil)
	if err != nil {
		return 0, false
	}
	// Plain text: the server's own compression of /metrics is not undone by Go's client.
	req.Header.Set("Accept-Encoding", "identity")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, false
	}
	defer resp.Body.Close()
	s := bufio.NewScanner(resp.Body)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "go_memstats_heap_alloc_bytes "); ok {
			bytes, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return bytes / (1 << 20), err == nil
		}
	}
	return 0, false
}

// watchHeap samples the server's heap every 100 ms until the returned function is called, which
// gives the heap when the watch began and the most seen since: what one long request needs, even
// when the process already holds memory from earlier scenarios (which VmHWM cannot tell apart).
func (r *rig) watchHeap(ctx context.Context) func() (before, peak float64) {
	before, _ := r.heapMiB(ctx)
	stop, done := make(chan struct{}), make(chan float64)
	go func() {
		peak := before
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				done <- peak
				return
			case <-t.C:
				if h, ok := r.heapMiB(ctx); ok {
					peak = max(peak, h)
				}
			}
		}
	}()
	return func() (float64, float64) { close(stop); return before, <-done }
}
