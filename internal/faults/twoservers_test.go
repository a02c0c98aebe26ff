package faults_test

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTwoServersShareIdempotencyLimitsAndLocks runs two `consult serve` processes on one
// database and splits the traffic between them, as a reverse proxy would: a submission sent to
// both at once with one Idempotency-Key is stored once, the failed sign-ins of one account are
// counted across both, and a moderation sent to both with the same version succeeds on one and
// is refused with 409 on the other.
func TestTwoServersShareIdempotencyLimitsAndLocks(t *testing.T) {
	s := newScenario(t)
	servers := []*server{s.newServer("consult-a"), s.newServer("consult-b")}
	author := signIn(t, servers[0], stakeholderEmail)
	moderator := signIn(t, servers[1], moderatorEmail)

	const pairs = 20
	var comments [pairs]answer
	t.Run("idempotency", func(t *testing.T) {
		for i := range pairs {
			sub := newSubmission(0, i)
			both := onBoth(servers, func(srv *server) answer { return author.submit(context.Background(), srv, s.consultationID, sub) })
			for _, a := range both {
				require.NoError(t, a.err)
				require.Equal(t, http.StatusCreated, a.status, "%s", a.body)
			}
			assert.Equal(t, both[0].comment.ID, both[1].comment.ID, "%s: both servers give the same comment", sub.key)
			assert.NotEqual(t, both[0].replayed(), both[1].replayed(), "%s: one creates, the other replays", sub.key)
			comments[i] = both[0]
		}
		stored, keys := s.countStored()
		assert.Equal(t, pairs, stored)
		assert.Equal(t, pairs, keys)
	})

	t.Run("rate limits", func(t *testing.T) {
		const email = "limited@faults.example.org"
		s.consult(password+"\n", "users", "create", "--email", email, "--name", "Fault limited", "--role", "stakeholder")
		anonymous := &client{http: newHTTPClient(2)}
		statuses := map[int]int{}
		limitedBy := map[string]bool{}
		for i := range 10 { // the limit is 5 failed sign-ins per account per 15 minutes
			srv := servers[i%2]
			a := anonymous.do(context.Background(), http.MethodPost, srv.url("/api/v1/auth/login"), nil,
				map[string]string{"email": email, "password": "not-the-password-at-all"})
			require.NoError(t, a.err)
			statuses[a.status]++
			if a.status == http.StatusTooManyRequests {
				limitedBy[srv.name] = true
				assert.NotEmpty(t, a.header.Get("Retry-After"))
			}
		}
		assert.Equal(t, map[int]int{http.StatusUnauthorized: 5, http.StatusTooManyRequests: 5}, statuses,
			"five failures in all, whichever server counted them")
		assert.Len(t, limitedBy, 2, "both servers refuse once the shared count is reached")
	})

	t.Run("optimistic locking", func(t *testing.T) {
		for _, cm := range comments {
			require.NotEmpty(t, cm.comment.ID)
			both := onBoth(servers, func(srv *server) answer { return moderator.publish(srv, cm.comment.ID, cm.comment.Version) })
			statuses := []int{both[0].status, both[1].status}
			assert.ElementsMatch(t, []int{http.StatusOK, http.StatusConflict}, statuses,
				"publishing %s with version %d on both servers", cm.comment.ID, cm.comment.Version)
		}
	})
}

// onBoth sends the same request to every server at once and returns their answers in order.
func onBoth(servers []*server, send func(*server) answer) []answer {
	answers := make([]answer, len(servers))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, srv := range servers {
		wg.Go(func() {
			<-start
			answers[i] = send(srv)
		})
	}
	close(start)
	wg.Wait()
	return answers
}
