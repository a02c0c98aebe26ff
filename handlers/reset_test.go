package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/models"
)

// counterWrites runs req and returns the rate counters it added to, by key kind (the key up to its
// last colon) and count.
func counterWrites(t *testing.T, env *apitest.Env, req apitest.Request) map[string]int {
	t.Helper()
	snapshot := func() map[string]int {
		var rows []models.RateCounter
		require.NoError(t, env.DB.Find(&rows).Error)
		out := map[string]int{}
		for _, r := range rows {
			out[r.Key] += r.Count
		}
		return out
	}
	before := snapshot()
	rec := env.Do(req)
	require.Equal(t, http.StatusNoContent, rec.Code, rec.Body.String())
	writes := map[string]int{}
	for k, n := range snapshot() {
		if d := n - before[k]; d != 0 {
			writes[k[:strings.LastIndex(k, ":")]] += d
		}
	}
	return writes
}

// TestResetRequestCostsTheSameForKnownAndUnknownAddresses: both paths write the same counters
// before and after the answer, so neither the answer nor its cost tells them apart.
func TestResetRequestCostsTheSameForKnownAndUnknownAddresses(t *testing.T) {
	env := apitest.New(t)
	env.CreateUser("known@example.eu", models.RoleStakeholder, true)
	reset := func(email, addr string) apitest.Request {
		return apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/password-reset", RemoteAddr: addr, Body: map[string]string{"email": email}}
	}
	known := counterWrites(t, env, reset("known@example.eu", "203.0.113.1:1000"))
	unknown := counterWrites(t, env, reset("unknown@example.eu", "203.0.113.2:1000"))
	assert.Equal(t, map[string]int{"reset:ip": 1, "reset:address": 1}, known)
	assert.Equal(t, known, unknown)
	m, token := env.LastMailTo(t, "known@example.eu")
	assert.Equal(t, "Reset your password", m.Subject)
	assert.NotEmpty(t, token)

	// The per-address limit is silent and holds whichever clients ask.
	for i := range 5 {
		counterWrites(t, env, reset("known@example.eu", clientAddr(i+10)))
	}
	assert.Equal(t, int64(3), mailsTo(t, env, "known@example.eu"))
}
