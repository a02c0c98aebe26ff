package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWhereTheTimeGoesShowsTheRowsThatMissed(t *testing.T) {
	prof := &profileSummary{CPUFile: "bench/out/profiles/search.cpu.pprof", Seconds: 19, CPUSeconds: 30.4,
		TopFlat: []share{{Function: "runtime.mallocgc", Flat: 0.12, Cum: 0.2}, {Function: "encoding/json.Marshal", Flat: 0.05, Cum: 0.3}},
		TopCum:  []share{{Function: "net/http.(*conn).serve", Flat: 0, Cum: 0.97}}}
	rep := &report{Settings: map[string]any{"profiles": "bench/out/profiles"}, Rows: []judged{
		{Key: "search", Verdict: "missed (ratio 0.1)", Profile: prof},
		{Key: "document", Met: true, Verdict: "met", Profile: prof},
		{Key: "clustering-per-comment", Verdict: "reported", Profile: prof},
		{Key: "csv-export", Verdict: "missed", Profile: &profileSummary{Error: "GET /debug/pprof/heap: 404"}},
	}}
	var b strings.Builder
	rep.whereTheTimeGoes(&b)
	md := b.String()
	assert.Contains(t, md, "### search: 30.4 s of CPU in 19 s (1.60 cores), `bench/out/profiles/search.cpu.pprof`")
	assert.Contains(t, md, "| 1 | `runtime.mallocgc` | 12.0% | 20.0% | `net/http.(*conn).serve` | 0.0% | 97.0% |")
	assert.Contains(t, md, "| 2 | `encoding/json.Marshal` | 5.0% | 30.0% |  |  |  |")
	assert.Contains(t, md, "### csv-export: no profile (GET /debug/pprof/heap: 404)")
	assert.NotContains(t, md, "### document")
	assert.NotContains(t, md, "### clustering-per-comment")

	rep.Rows = rep.Rows[1:2]
	b.Reset()
	rep.whereTheTimeGoes(&b)
	assert.Contains(t, b.String(), "No row with a profile missed its goal.")
}
