package pdf

import (
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestMeasureMemory renders reports of 10,000 and 100,000 comments (about 400 characters each)
// and logs time, pages, size, peak heap and peak RSS. It is a measurement, not a timed test: it
// runs only with CONSULT_PDF_MEASURE=1, one size per process for a clean RSS peak, e.g.
//
//	CONSULT_PDF_MEASURE=1 CONSULT_PDF_COMMENTS=100000 go test -run TestMeasureMemory -v ./internal/export/pdf
func TestMeasureMemory(t *testing.T) {
	if os.Getenv("CONSULT_PDF_MEASURE") != "1" {
		t.Skip("a measurement: set CONSULT_PDF_MEASURE=1 (and CONSULT_PDF_COMMENTS, default 10000)")
	}
	n, limit := 10000, MaxComments
	if s := os.Getenv("CONSULT_PDF_COMMENTS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	if s := os.Getenv("CONSULT_PDF_LIMIT"); s != "" {
		limit, _ = strconv.Atoi(s)
	}
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
				runtime.ReadMemStats(&m)
				if m.HeapInuse > peak.Load() {
					peak.Store(m.HeapInuse)
				}
			}
		}
	}()
	start := time.Now()
	r, each := fixture(n)
	doc, err := render(r, each, limit)
	if err != nil {
		t.Fatal(err)
	}
	cw := &countingWriter{w: io.Discard}
	if _, err := doc.WriteTo(cw); err != nil {
		t.Fatal(err)
	}
	close(done)
	t.Logf("%d comments (limit %d): %d pages, %.1f MiB, %.1f s, peak heap %.0f MiB, peak RSS %s",
		n, limit, doc.l.pages, float64(cw.n)/(1<<20), time.Since(start).Seconds(), float64(peak.Load())/(1<<20), peakRSS())
}

// peakRSS reads the process's high-water resident set size from /proc (Linux).
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			return strings.Join(strings.Fields(strings.TrimPrefix(line, "VmHWM:")), " ")
		}
	}
	return "unknown"
}
