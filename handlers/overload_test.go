package handlers_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/internal/auth/password"
	"consult/models"
)

// TestSpentHashingBudgetAnswers503AndCommentsStillGoIn: while every hashing slot is busy, a flood
// of sign-ins from many addresses over many accounts (known and unknown alike), registrations,
// password changes and reset confirmations are turned away at once with 503 overloaded and
// Retry-After, and comment submissions beside them still succeed. Once a slot frees, sign-in works
// again, and the turned-away attempts have not counted against any throttle.
func TestSpentHashingBudgetAnswers503AndCommentsStillGoIn(t *testing.T) {
	budget := password.NewBudget(1, 0, time.Second)
	f := newCommentFixtureIn(t, apitest.NewWithHasher(t, password.NewHasher(password.WithBudget(budget))))
	env := f.env
	release, err := budget.Acquire(context.Background())
	require.NoError(t, err)

	turnedAway := func(name string, rec *httptestRecorder) {
		t.Helper()
		assert.Equal(t, http.StatusServiceUnavailable, rec.Code, "%s: %s", name, rec.Body.String())
		assert.Equal(t, "1", rec.Header().Get("Retry-After"), name)
		assert.Equal(t, "application/problem+json", rec.Header().Get("Content-Type"), name)
		assert.Contains(t, rec.Body.String(), `"code":"overloaded"`, name)
	}

	var flood sync.WaitGroup
	for i := range 30 {
		flood.Go(func() {
			email := "user" + itoa(i%10) + "@example.eu" // ten accounts, most of them unknown
			if i%10 == 0 {
				email = f.stake.Email
			}
			rec := env.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login", RemoteAddr: "203.0.113." + itoa(i) + ":4000",
				Body: map[string]string{"email": email, "password": "a wrong password " + itoa(i)}})
			turnedAway("sign-in "+itoa(i), rec)
		})
	}
	for i := range 5 {
		rec := f.submit(f.stake, goodComment(f.clause341), map[string]string{"Idempotency-Key": "surge-" + itoa(i)})
		assert.Equal(t, http.StatusCreated, rec.Code, "a comment beside the flood: %s", rec.Body.String())
	}
	flood.Wait()

	turnedAway("registration", env.Do(post("/api/v1/auth/register", map[string]any{
		"email": "newcomer@example.eu", "password": "a long new passphrase 7", "display_name": "Newcomer", "stakeholder_type": "eu_citizen", "country": "BE",
	})))
	turnedAway("password change", env.As(f.stake, apitest.Request{Method: http.MethodPost, Path: "/api/v1/me/password",
		Body: map[string]string{"current_password": apitest.TestPassword, "new_password": "a brand new passphrase 99"}}))
	require.Equal(t, http.StatusNoContent, env.Do(post("/api/v1/auth/password-reset", map[string]string{"email": f.stake.Email})).Code)
	_, token := env.LastMailTo(t, f.stake.Email)
	reset := func() *httptestRecorder {
		return env.Do(post("/api/v1/auth/password-reset/confirm", map[string]string{"token": token, "password": "a brand new passphrase 9"}))
	}
	turnedAway("reset confirmation", reset())

	release(0)
	wrong := apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login", Body: map[string]string{"email": f.stake.Email, "password": "still wrong"}}
	assert.Equal(t, http.StatusUnauthorized, env.Do(wrong).Code, "with a free slot the password is checked")
	env.Login(f.stake)
	assert.Equal(t, http.StatusNoContent, reset().Code, "the reset token was not spent while the budget was")
	var counted int64
	require.NoError(t, env.DB.Model(&models.RateCounter{}).Where("key LIKE ?", "login:%").Select("COALESCE(SUM(count), 0)").Scan(&counted).Error)
	assert.Equal(t, int64(2), counted, "only the one checked wrong password counts, once for its account and once for its address")

	logs := env.Logs.String()
	assert.NotContains(t, logs, "level=ERROR", "load turned away on purpose is no error")
	warnings := 0
	for line := range strings.SplitSeq(logs, "\n") {
		if strings.Contains(line, "status=503") {
			assert.Contains(t, line, "level=WARN", "a turned-away request is logged as a warning")
			warnings++
		}
	}
	assert.Equal(t, 33, warnings, "one line per turned-away request")
}
