package faults_test

import (
	"context"
	"net/http"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSIGTERMFinishesInFlightRequestsAndExitsInTime sends SIGTERM while sixteen clients submit
// comments: every request the server had taken is answered 201 and stored, later ones are refused
// at connect (never cut off mid-answer), and the process exits with status 0 before its
// CONSULT_SHUTDOWN_TIMEOUT.
func TestSIGTERMFinishesInFlightRequestsAndExitsInTime(t *testing.T) {
	s := newScenario(t)
	srv := s.newServer("consult")
	c := signIn(t, srv, stakeholderEmail)
	l := newLedger()
	done := drive(context.Background(), 16, func(w, seq int) bool {
		return l.submit(c, srv, s.consultationID, newSubmission(w, seq)).err == nil
	})
	waitFor(t, "50 acknowledged comments", time.Minute, func() bool { return l.ackedCount() >= 50 })

	termAt := time.Now()
	srv.signal(syscall.SIGTERM)
	exitErr := srv.wait(shutdownTimeout + 10*time.Second)
	took := time.Since(termAt)
	<-done
	require.NoError(t, exitErr, "consult must drain and exit with status 0")
	assert.Less(t, took, shutdownTimeout, "exit before CONSULT_SHUTDOWN_TIMEOUT")

	requests, _, acked := l.snapshot()
	inFlight := 0
	for _, r := range requests {
		a := r.answer
		if a.err != nil {
			assert.ErrorIs(t, a.err, syscall.ECONNREFUSED, "%s: a request is refused at connect or answered, never cut off", r.sub.key)
			continue
		}
		assert.Equal(t, http.StatusCreated, a.status, "%s: %s", r.sub.key, a.body)
		if r.start.Before(termAt) && r.end.After(termAt) {
			inFlight++
		}
	}
	t.Logf("SIGTERM with %d requests in flight, all answered; exit after %s; %d comments acknowledged",
		inFlight, took.Round(time.Millisecond), len(acked))
	assert.Positive(t, inFlight, "the signal came during the load")
	s.requireStored(ackedIDs(acked))
	comments, _ := s.countStored()
	assert.Equal(t, len(acked), comments, "nothing stored that was not acknowledged")
}
