package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		name string
		xs   []float64
		want float64
	}{
		{"none", nil, 0},
		{"one", []float64{7}, 7},
		{"odd count, unsorted", []float64{9, 1, 5}, 5},
		{"even count: the mean of the middle two", []float64{4, 1, 3, 2}, 2.5},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.InDelta(t, tc.want, median(tc.xs), 1e-9) })
	}
}

func TestMedianOutcomeTakesEachFigureAcrossRounds(t *testing.T) {
	rounds := []outcome{
		{Consult: measure{Throughput: 100, P99: 30, Codes: map[string]int{"201": 10}}, Extra: map[string]float64{"x": 1}},
		{Consult: measure{Throughput: 300, P99: 10, Codes: map[string]int{"201": 5, "503": 1}}, Baseline: &measure{Throughput: 1000}, Extra: map[string]float64{"x": 3}},
		{Consult: measure{Throughput: 200, P99: 20}, Baseline: &measure{Throughput: 2000}, Extra: map[string]float64{"x": 2}},
	}
	m := medianOutcome(rounds)
	assert.InDelta(t, 200, m.Consult.Throughput, 1e-9)
	assert.InDelta(t, 20, m.Consult.P99, 1e-9)
	assert.Equal(t, map[string]int{"201": 15, "503": 1}, m.Consult.Codes, "status codes are summed")
	require.NotNil(t, m.Baseline)
	assert.InDelta(t, 1500, m.Baseline.Throughput, 1e-9, "the rounds that had a baseline")
	assert.InDelta(t, 2, m.Extra["x"], 1e-9)
}

func TestPgbenchLatenciesReadTheTransactionLog(t *testing.T) {
	dir := t.TempDir()
	// client transaction latency-µs script epoch µs
	require.NoError(t, os.WriteFile(filepath.Join(dir, "pgbench_log.123"), []byte("0 0 1500 0 1700000000 1\n1 0 500 0 1700000000 2\n"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "pgbench_log.123.1"), []byte("2 0 2500 0 1700000000 3\n3 0 3500 0 1700000000 4\n"), 0o600))
	got, err := pgbenchLatencies(dir)
	require.NoError(t, err)
	assert.Equal(t, []float64{0.5, 1.5, 2.5, 3.5}, got)
	assert.InDelta(t, 2.5, percentile(got, 0.5), 1e-9)
	assert.InDelta(t, 3.5, percentile(got, 0.99), 1e-9)
	assert.InDelta(t, 3.5, percentile(got, 1), 1e-9)

	_, err = pgbenchLatencies(t.TempDir())
	assert.Error(t, err, "no log is an error, not a baseline of nothing")
}
