package main

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// measure is what one run of a load (or one timed request) gave.
type measure struct {
	Requests   uint64         `json:"requests"`
	Seconds    float64        `json:"seconds"`
	Rate       float64        `json:"rate_per_s,omitempty"` // requests sent per second
	Throughput float64        `json:"throughput_per_s"`     // successful requests per second
	Success    float64        `json:"success_ratio"`
	P50        float64        `json:"p50_ms"`
	P95        float64        `json:"p95_ms"`
	P99        float64        `json:"p99_ms"`
	Max        float64        `json:"max_ms"`
	Bytes      uint64         `json:"bytes,omitempty"`
	PeakRSSMiB float64        `json:"peak_rss_mib,omitempty"`
	Codes      map[string]int `json:"status_codes,omitempty"`
}

// load is how a scenario drives the server: a rate (zero: as fast as the workers go), the number
// of workers (clients), how long, and which requests.
type load struct {
	rate     vegeta.Rate
	workers  uint64
	duration time.Duration
	targeter vegeta.Targeter
}

// closedLoop is the load of n clients sending requests one after another for d.
func closedLoop(n uint64, d time.Duration, t vegeta.Targeter) load {
	return load{rate: vegeta.Rate{Freq: 0}, workers: n, duration: d, targeter: t}
}

// openLoop is the load of a fixed rate per second for d, whatever the answers take.
func openLoop(perSecond int, d time.Duration, t vegeta.Targeter) load {
	return load{rate: vegeta.Rate{Freq: perSecond, Per: time.Second}, workers: 10, duration: d, targeter: t}
}

// run drives the load with vegeta and sums up its results.
func (l load) run(name string) measure {
	opts := []func(*vegeta.Attacker){vegeta.Workers(l.workers), vegeta.Timeout(60 * time.Second), vegeta.KeepAlive(true)}
	if l.rate.Freq == 0 {
		opts = append(opts, vegeta.MaxWorkers(l.workers), vegeta.Connections(int(l.workers)))
	}
	atk := vegeta.NewAttacker(opts...)
	var m vegeta.Metrics
	for res := range atk.Attack(l.targeter, l.rate, l.duration, name) {
		m.Add(res)
	}
	m.Close()
	return fromMetrics(&m)
}

func fromMetrics(m *vegeta.Metrics) measure {
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	return measure{Requests: m.Requests, Seconds: m.Duration.Seconds() + m.Wait.Seconds(), Rate: m.Rate, Throughput: m.Throughput, Success: m.Success,
		P50: ms(m.Latencies.P50), P95: ms(m.Latencies.P95), P99: ms(m.Latencies.P99), Max: ms(m.Latencies.Max),
		Bytes: m.BytesIn.Total, Codes: m.StatusCodes}
}

// timed sends one GET and reads the whole answer, for the scenarios that take one long request
// (an export, the clusters). It asks for the answer uncompressed, as COPY, the export's baseline,
// sends it: otherwise the time would include consult compressing it and this client inflating it.
func timed(ctx context.Context, url, token string) (measure, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return measure{}, err
	}
	req.Header.Set("Accept-Encoding", "identity")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	started := time.Now()
	resp, err := (&http.Client{Timeout: 20 * time.Minute}).Do(req)
	if err != nil {
		return measure{}, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return measure{}, err
	}
	took := time.Since(started)
	ms := float64(took) / float64(time.Millisecond)
	m := measure{Requests: 1, Seconds: took.Seconds(), Bytes: uint64(n), P50: ms, P95: ms, P99: ms, Max: ms,
		Codes: map[string]int{strconv.Itoa(resp.StatusCode): 1}}
	if resp.StatusCode == http.StatusOK {
		m.Success, m.Throughput = 1, 1/took.Seconds()
	}
	return m, nil
}
