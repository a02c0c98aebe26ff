package faults_test

import (
	"context"
	"sync"
	"testing"
	"time"
)

// drive runs workers goroutines; each calls step with its number and a sequence number, one step
// after another, until ctx is done or step returns false. The channel closes when all have ended.
func drive(ctx context.Context, workers int, step func(worker, seq int) bool) <-chan struct{} {
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for seq := 0; ctx.Err() == nil; seq++ {
				if !step(w, seq) {
					return
				}
			}
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	return done
}

// sent is one request of a load: what was sent, when, and what came back.
type sent struct {
	sub        submission
	start, end time.Time
	answer     answer
}

// ledger records every request of a load, for the checks after the fault.
type ledger struct {
	mu       sync.Mutex
	requests []sent
	acked    map[string]answer // key → its 201 answer
	subs     map[string]submission
}

func newLedger() *ledger {
	return &ledger{acked: map[string]answer{}, subs: map[string]submission{}}
}

// submit sends sub through c to srv and records it.
func (l *ledger) submit(c *client, srv *server, consultationID string, sub submission) answer {
	start := time.Now()
	a := c.submit(context.Background(), srv, consultationID, sub)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.requests = append(l.requests, sent{sub: sub, start: start, end: time.Now(), answer: a})
	l.subs[sub.key] = sub
	if a.status == 201 {
		l.acked[sub.key] = a
	}
	return a
}

// ackedCount is how many keys have been answered 201.
func (l *ledger) ackedCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.acked)
}

// snapshot returns the requests so far, the keys sent and the 201 answers.
func (l *ledger) snapshot() ([]sent, map[string]submission, map[string]answer) {
	l.mu.Lock()
	defer l.mu.Unlock()
	subs := make(map[string]submission, len(l.subs))
	for k, v := range l.subs {
		subs[k] = v
	}
	acked := make(map[string]answer, len(l.acked))
	for k, v := range l.acked {
		acked[k] = v
	}
	return append([]sent(nil), l.requests...), subs, acked
}

// ackedIDs lists the ids of the comments answered 201.
func ackedIDs(acked map[string]answer) []string {
	ids := make([]string, 0, len(acked))
	for _, a := range acked {
		ids = append(ids, a.comment.ID)
	}
	return ids
}

// waitFor polls cond every 20 ms until it holds or timeout passes.
func waitFor(t *testing.T, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %s", timeout, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
