package main

import (
	"context"
	"time"
)

// submitClosed is 32 clients submitting comments as fast as they are answered, beside pgbench's
// 32 clients inserting rows of the same shape. The baseline waits until consult has sent the
// receipts and clustered the comments of its load, so that it does not share the machine with them.
// Both are charged with the processor time the machine and each process spent per row stored
// (cpuPerRequest), which says where the difference between them goes.
func (r *rig) submitClosed(ctx context.Context) (map[string]outcome, error) {
	extra := map[string]float64{}
	m := r.withMemory(ctx, rowSubmit32, func() measure {
		before := r.readCPU()
		m := closedLoop(32, r.cfg.duration, r.submissions()).run("submit-32")
		cpuPerRequest(extra, "", before, r.readCPU(), uint64(m.Throughput*m.Seconds+0.5))
		return m
	})
	if err := r.settle(ctx); err != nil {
		return map[string]outcome{rowSubmit32: {Consult: m, Extra: extra}}, err
	}
	before := r.readCPU()
	base, err := r.pgbenchInsert(ctx, 32, r.cfg.duration)
	if err != nil {
		return map[string]outcome{rowSubmit32: {Consult: m, Extra: extra}}, err
	}
	cpuPerRequest(extra, "baseline_", before, r.readCPU(), base.Requests)
	return map[string]outcome{rowSubmit32: {Consult: m, Baseline: &base, Extra: extra}}, nil
}

// submitFixed is submissions at 300 per second, while the outbox is watched: how fast the receipt
// mails leave it and how many wait at most, until it is empty (or a minute after the load).
func (r *rig) submitFixed(ctx context.Context) (map[string]outcome, error) {
	sentBefore, _, err := r.outbox(ctx)
	if err != nil {
		return nil, err
	}
	started := time.Now()
	watch := r.watchOutbox(ctx)
	m := r.withMemory(ctx, rowSubmit300, func() measure { return openLoop(300, r.cfg.duration, r.submissions()).run("submit-300") })
	loadEnded := time.Now()
	var sent, waiting int
	for {
		if sent, waiting, err = r.outbox(ctx); err != nil {
			return nil, err
		}
		if waiting == 0 || time.Since(loadEnded) > time.Minute {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	drained := time.Now()
	peak := watch()
	mails := float64(sent-sentBefore) / drained.Sub(started).Seconds()
	outbox := outcome{
		Consult: measure{Requests: uint64(sent - sentBefore), Seconds: drained.Sub(started).Seconds(), Throughput: mails, Success: 1},
		Extra: map[string]float64{"submissions_per_s": m.Throughput, "peak_waiting": float64(peak), "still_waiting": float64(waiting),
			"drain_after_load_s": drained.Sub(loadEnded).Seconds()},
	}
	return map[string]outcome{rowSubmit300: {Consult: m}, rowOutbox: outbox}, nil
}

// outbox counts the mails sent and waiting.
func (r *rig) outbox(ctx context.Context) (sent, waiting int, err error) {
	err = r.db.QueryRow(ctx, `SELECT count(*) FILTER (WHERE status = 'sent'), count(*) FILTER (WHERE status = 'pending') FROM mail_outbox`).Scan(&sent, &waiting)
	return sent, waiting, err
}

// watchOutbox samples the waiting mails every half second until the returned function is called,
// which gives the most seen.
func (r *rig) watchOutbox(ctx context.Context) func() int {
	stop, done := make(chan struct{}), make(chan int)
	go func() {
		peak := 0
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				done <- peak
				return
			case <-t.C:
				if _, waiting, err := r.outbox(ctx); err == nil {
					peak = max(peak, waiting)
				}
			}
		}
	}()
	return func() int { close(stop); return <-done }
}

// submitBesideFloods is submissions at 100/s alone, then beside 50 wrong sign-ins a second from
// one address, then beside as many from many addresses over the 2,000 sign-in target accounts.
func (r *rig) submitBesideFloods(ctx context.Context) (map[string]outcome, error) {
	alone := r.withMemory(ctx, rowSubmit100, func() measure { return openLoop(100, r.cfg.duration, r.submissions()).run("submit-100") })
	out := map[string]outcome{rowSubmit100: {Consult: alone}}
	for _, f := range []struct {
		row  string
		many bool
	}{{rowFloodOne, false}, {rowFloodMany, true}} {
		row, many := f.row, f.many
		flood := make(chan measure)
		go func() { flood <- openLoop(50, r.cfg.duration, r.wrongSignIns(many)).run(row + "-sign-ins") }()
		m := r.withMemory(ctx, row, func() measure { return openLoop(100, r.cfg.duration, r.submissions()).run(row) })
		signIns := <-flood
		out[row] = outcome{Consult: m, Extra: map[string]float64{"p99_alone_ms": alone.P99, "sign_in_p50_ms": signIns.P50,
			"sign_in_p99_ms": signIns.P99, "sign_in_per_s": float64(signIns.Requests) / max(signIns.Seconds, 1e-9)}}
	}
	return out, nil
}
