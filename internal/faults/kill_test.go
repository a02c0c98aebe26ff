package faults_test

import (
	"context"
	"net/http"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestSIGKILLDuringSubmissionsLosesAndDuplicatesNothing kills the server while eight clients
// submit comments, starts it again, and retries every submission with its Idempotency-Key: each
// comment answered 201 is stored exactly once and its retry replays it; a submission that got no
// answer is stored once, whether it was committed before the kill or by its retry.
func TestSIGKILLDuringSubmissionsLosesAndDuplicatesNothing(t *testing.T) {
	s := newScenario(t)
	srv := s.newServer("consult")
	c := signIn(t, srv, stakeholderEmail)
	l := newLedger()
	done := drive(context.Background(), 8, func(w, seq int) bool {
		return l.submit(c, srv, s.consultationID, newSubmission(w, seq)).err == nil
	})
	waitFor(t, "50 acknowledged comments", time.Minute, func() bool { return l.ackedCount() >= 50 })
	srv.signal(syscall.SIGKILL)
	_ = srv.wait(30 * time.Second)
	<-done
	_, subs, acked := l.snapshot()
	unanswered := len(subs) - len(acked)
	t.Logf("killed with %d comments acknowledged and %d submissions unanswered", len(acked), unanswered)

	srv.start()
	var mu sync.Mutex
	replays := 0
	forEach(subs, 8, func(sub submission) {
		a := c.submit(context.Background(), srv, s.consultationID, sub)
		if !assert.NoError(t, a.err) || !assert.Equal(t, http.StatusCreated, a.status, "retry of %s: %s", sub.key, a.body) {
			return
		}
		if first, ok := acked[sub.key]; ok {
			assert.Equal(t, first.comment.ID, a.comment.ID, "the retry of %s must give the first comment", sub.key)
			assert.True(t, a.replayed(), "the retry of %s must be a replay", sub.key)
		}
		if a.replayed() {
			mu.Lock()
			replays++
			mu.Unlock()
		}
	})
	t.Logf("after the restart %d of %d retries replayed a stored comment (%d of the unanswered ones had been committed)",
		replays, len(subs), replays-len(acked))

	comments, keys := s.countStored()
	assert.Equal(t, len(subs), comments, "one comment per Idempotency-Key")
	assert.Equal(t, len(subs), keys)
	s.requireStored(ackedIDs(acked))
}

// forEach calls fn for every submission, on workers goroutines.
func forEach(subs map[string]submission, workers int, fn func(submission)) {
	queue := make(chan submission)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for sub := range queue {
				fn(sub)
			}
		})
	}
	for _, sub := range subs {
		queue <- sub
	}
	close(queue)
	wg.Wait()
}
