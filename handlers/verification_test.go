package handlers_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/models"
)

func mailsTo(t *testing.T, env *apitest.Env, address string) int64 {
	t.Helper()
	var n int64
	require.NoError(t, env.DB.Model(&models.MailMessage{}).Where("to_address = ?", address).Count(&n).Error)
	return n
}

func TestMailsToAnUnprovenAddressAreLimitedPerAddressSilently(t *testing.T) {
	env := apitest.New(t)
	env.CreateUser("known@example.eu", models.RoleStakeholder, true)
	// Fifteen clients register the known address: each gets the answer a new address gets.
	for i := range 15 {
		rec := env.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/register", RemoteAddr: clientAddr(i), Body: registration("known@example.eu")})
		require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	}
	assert.Equal(t, int64(3), mailsTo(t, env, "known@example.eu"), "three notices an hour, whoever asks")

	// A new address: its verification mail and resends share the same per-address limit.
	rec := env.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/register", RemoteAddr: clientAddr(100), Body: registration("victim@example.eu")})
	require.Equal(t, http.StatusCreated, rec.Code)
	for i := range 15 {
		rec := env.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/verify-email/resend", RemoteAddr: clientAddr(i + 20),
			Body: map[string]string{"email": "Victim@Example.eu"}})
		require.Equal(t, http.StatusNoContent, rec.Code)
	}
	assert.Equal(t, int64(3), mailsTo(t, env, "victim@example.eu"))
}

func TestVerificationMailCarriesNoTextTheRegistrantChose(t *testing.T) {
	env := apitest.New(t)
	body := registration("fresh@example.eu")
	body["display_name"] = "WIN A PRIZE at prize.example"
	rec := env.Do(post("/api/v1/auth/register", body))
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	m, token := env.LastMailTo(t, "fresh@example.eu")
	assert.NotEmpty(t, token)
	assert.NotContains(t, m.BodyText, "PRIZE")
	assert.NotContains(t, m.BodyText, "prize.example")
}

func TestResendVerification(t *testing.T) {
	env := apitest.New(t)
	require.Equal(t, http.StatusCreated, env.Do(post("/api/v1/auth/register", registration("late@example.eu"))).Code)
	_, first := env.LastMailTo(t, "late@example.eu")

	rec := env.Do(post("/api/v1/auth/verify-email/resend", map[string]string{"email": "LATE@example.eu"}))
	require.Equal(t, http.StatusNoContent, rec.Code, rec.Body.String())
	m, second := env.LastMailTo(t, "late@example.eu")
	assert.Equal(t, "Confirm your email address", m.Subject)
	require.NotEqual(t, first, second)
	assert.Equal(t, http.StatusUnprocessableEntity, env.Do(post("/api/v1/auth/verify-email", map[string]string{"token": first})).Code, "the earlier link stops working")
	assert.Equal(t, http.StatusNoContent, env.Do(post("/api/v1/auth/verify-email", map[string]string{"token": second})).Code)

	// A verified account, an unknown address and nonsense get the same answer and no mail.
	for _, email := range []string{"late@example.eu", "nobody@example.eu", "not an address"} {
		before := mailsTo(t, env, models.NormalizeEmail(email))
		rec := env.Do(post("/api/v1/auth/verify-email/resend", map[string]string{"email": email}))
		assert.Equal(t, http.StatusNoContent, rec.Code, email)
		assert.Equal(t, before, mailsTo(t, env, models.NormalizeEmail(email)), email)
	}
	rec = env.Do(post("/api/v1/auth/verify-email/resend", map[string]any{"email": "a@example.eu", "extra": 1}))
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code, "unknown fields are refused like everywhere")
}
