package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHeapMiBReadsTheGoCollector(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("# TYPE go_memstats_heap_alloc_bytes gauge\ngo_memstats_heap_alloc_bytes 3.145728e+06\ngo_memstats_heap_alloc_bytes_total 1\n" +
			"# TYPE go_gc_heap_live_bytes gauge\ngo_gc_heap_live_bytes 2.097152e+06\n"))
	}))
	defer srv.Close()
	r := &rig{baseURL: srv.URL}
	alloc, live, ok := r.heapMiB(context.Background())
	assert.True(t, ok)
	assert.InDelta(t, 3, alloc, 1e-9)
	assert.InDelta(t, 2, live, 1e-9)
}
