package faults_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDatabaseRestartAnswers503AndRecovers stops PostgreSQL while eight clients submit comments,
// each retrying its comment with the same Idempotency-Key until it is answered 201. While the
// database is down the server answers 503 service_unavailable with Retry-After (never 500, never
// a dropped connection) and /readyz says 503; once the database is back the same server process
// takes submissions again, and every key ends up as exactly one stored comment.
func TestDatabaseRestartAnswers503AndRecovers(t *testing.T) {
	s := newScenario(t)
	srv := s.newServer("consult")
	c := signIn(t, srv, stakeholderEmail)
	l := newLedger()
	var unavailable, afterRestart atomic.Int64
	var restarted atomic.Bool
	ctx, stopLoad := context.WithCancel(context.Background())
	defer stopLoad()
	done := drive(ctx, 8, func(w, seq int) bool {
		sub := newSubmission(w, seq)
		for range 600 { // at most a minute of retries
			a := l.submit(c, srv, s.consultationID, sub)
			switch {
			case a.err == nil && a.status == http.StatusCreated:
				if restarted.Load() {
					afterRestart.Add(1)
				}
				return true
			case a.err == nil && a.status == http.StatusServiceUnavailable:
				unavailable.Add(1)
				time.Sleep(100 * time.Millisecond) // shorter than Retry-After, to keep the test short
			default:
				return false
			}
		}
		return false
	})

	waitFor(t, "30 acknowledged comments", time.Minute, func() bool { return l.ackedCount() >= 30 })
	require.NoError(t, pg.stop())
	defer func() {
		if !restarted.Load() { // a failed check: leave the cluster running for the other scenarios
			_ = pg.start()
		}
	}()
	waitFor(t, "a 503 while the database is down", time.Minute, func() bool { return unavailable.Load() >= 8 })
	resp, err := http.Get(srv.url("/readyz"))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode, "/readyz while the database is down")
	require.NoError(t, pg.start())
	restarted.Store(true)
	waitFor(t, "submissions after the restart", time.Minute, func() bool { return afterRestart.Load() >= 30 })
	stopLoad()
	<-done

	requests, subs, acked := l.snapshot()
	t.Logf("%d requests: %d answered 503 while the database was down, %d comments acknowledged, %d after the restart",
		len(requests), unavailable.Load(), len(acked), afterRestart.Load())
	for _, r := range requests {
		a := r.answer
		require.NoError(t, a.err, "%s got no answer", r.sub.key)
		if a.status == http.StatusCreated {
			continue
		}
		require.Equal(t, http.StatusServiceUnavailable, a.status, "%s: %s", r.sub.key, a.body)
		assert.Equal(t, "service_unavailable", a.problem.Code)
		assert.Equal(t, "application/problem+json", a.header.Get("Content-Type"))
		assert.NotEmpty(t, a.header.Get("Retry-After"), "a 503 says when to retry")
	}
	assert.Equal(t, len(subs), len(acked), "every submission was answered 201 in the end")
	comments, keys := s.countStored()
	assert.Equal(t, len(subs), comments, "one comment per Idempotency-Key")
	assert.Equal(t, len(subs), keys)
	s.requireStored(ackedIDs(acked))
	ready, err := http.Get(srv.url("/readyz"))
	require.NoError(t, err)
	ready.Body.Close()
	assert.Equal(t, http.StatusOK, ready.StatusCode, "ready again without a restart of consult")
}
