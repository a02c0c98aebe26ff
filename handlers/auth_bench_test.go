package handlers_test

import (
	"net/http"
	"strconv"
	"testing"

	"consult/api/apitest"
	"consult/models"
)

// BenchmarkLoginKnownVsUnknownEmail shows that a failed login costs the same for an email that
// has an account and one that has none (both run argon2id once), so timing reveals no accounts.
// Compare the two sub-benchmarks' ns/op in the report of `make bench`.
func BenchmarkLoginKnownVsUnknownEmail(b *testing.B) {
	env := apitest.New(b)
	env.CreateUser("known@example.eu", models.RoleStakeholder, true)
	for _, email := range []string{"known@example.eu", "unknown@example.eu"} {
		b.Run(email, func(b *testing.B) {
			i := 0
			for b.Loop() {
				i++
				// A fresh client address and window per attempt keeps the throttle out of the measurement.
				env.Clock.Advance(16 * 60e9)
				env.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login", RemoteAddr: "198.51.100." + strconv.Itoa(i%250) + ":1",
					Body: map[string]string{"email": email, "password": "wrong but long password"}})
			}
		})
	}
}
