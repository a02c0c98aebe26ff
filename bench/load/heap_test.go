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
		_, _ = w.Write([]byte("# TYPE go_memstats_heap_alloc_bytes gauge\ngo_memstats_heap_alloc_bytes 3.145728e+06\ngo_memstats_heap_alloc_bytes_total 1\n"))
	}))
	defer srv.Close()
	r := &rig{baseURL: srv.URL}
	got, ok := r.heapMiB(context.Background())
	assert.True(t, ok)
	assert.InDelta(t, 3, got, 1e-9)
}
