package handlers_test

import (
	"net/http"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"consult/api/apitest"
	"consult/internal/auth/password"
)

// BenchmarkSubmissionBesideSignInFlood measures comment submissions through the router alone and
// beside a flood of 50 wrong-password sign-ins a second from many addresses over many accounts, under the
// default hashing budget and under a budget that queues without bound (the behaviour before it).
// It reports the submissions' p50 and p99 and how the flood's sign-ins were answered.
func BenchmarkSubmissionBesideSignInFlood(b *testing.B) {
	budgets := []struct {
		name   string
		budget func() *password.Budget
		flood  bool
	}{
		{"alone", password.DefaultBudget, false},
		{"flood/default-budget", password.DefaultBudget, true},
		{"flood/unbounded-queue", func() *password.Budget { return password.NewBudget(runtime.GOMAXPROCS(0), 1<<20, time.Hour) }, true},
	}
	for _, bb := range budgets {
		b.Run(bb.name, func(b *testing.B) {
			f := newCommentFixtureIn(b, apitest.NewWithHasher(b, password.NewHasher(password.WithBudget(bb.budget()))))
			stop := make(chan struct{})
			var flood sync.WaitGroup
			var mu sync.Mutex
			answers := map[int]int{}
			if bb.flood {
				flood.Go(func() { // 50 sign-ins a second, whether or not earlier ones were answered
					tick := time.NewTicker(20 * time.Millisecond)
					defer tick.Stop()
					for i := 0; ; i++ {
						select {
						case <-stop:
							return
						case <-tick.C:
						}
						flood.Go(func() {
							rec := f.env.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login", RemoteAddr: "203.0." + itoa(i/250%250) + "." + itoa(i%250) + ":1",
								Body: map[string]string{"email": "user" + itoa(i%2000) + "@example.eu", "password": "a wrong password"}})
							mu.Lock()
							answers[rec.Code]++
							mu.Unlock()
						})
					}
				})
			}
			var took []time.Duration
			i := 0
			for b.Loop() {
				i++
				start := time.Now()
				rec := f.submit(f.stake, goodComment(f.clause341), map[string]string{"Idempotency-Key": "bench-" + itoa(i)})
				took = append(took, time.Since(start))
				if rec.Code != http.StatusCreated {
					b.Fatalf("submission: %d %s", rec.Code, rec.Body.String())
				}
			}
			close(stop)
			flood.Wait()
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(answers[http.StatusServiceUnavailable]), "sign-ins-503")
			b.ReportMetric(float64(answers[http.StatusUnauthorized]+answers[http.StatusTooManyRequests]), "sign-ins-checked")
		})
	}
}
