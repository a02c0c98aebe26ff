package handlers_test

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/handlers"
	"consult/models"
)

func withCookie(cs map[string]*http.Cookie, name, value string) map[string]*http.Cookie {
	out := map[string]*http.Cookie{}
	for k, v := range cs {
		out[k] = v
	}
	out[name] = &http.Cookie{Name: name, Value: value}
	return out
}

// TestPlantedCSRFTokenIsRefused: a sibling site can set a consult_csrf cookie of its choosing and
// make a page send the same value in the header; the token must belong to the session, so it fails.
func TestPlantedCSRFTokenIsRefused(t *testing.T) {
	env := apitest.New(t)
	env.CreateUser("victim@example.eu", models.RoleStakeholder, true)
	env.CreateUser("attacker@example.eu", models.RoleStakeholder, true)
	cookies := cookieLogin(t, env, "victim@example.eu")
	theirs := cookieLogin(t, env, "attacker@example.eu")[handlers.CSRFCookie].Value
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	planted := base64.RawURLEncoding.EncodeToString(b)

	patch := func(cs map[string]*http.Cookie, header string) int {
		return env.Do(apitest.Request{Method: http.MethodPatch, Path: "/api/v1/me", Body: map[string]string{"organisation": "Changed"},
			Headers: map[string]string{"Cookie": cookieHeader(cs), handlers.CSRFHeader: header}}).Code
	}
	assert.Equal(t, http.StatusForbidden, patch(withCookie(cookies, handlers.CSRFCookie, planted), planted), "planted cookie and header")
	assert.Equal(t, http.StatusForbidden, patch(withCookie(cookies, handlers.CSRFCookie, theirs), theirs), "another session's token")
	assert.Equal(t, http.StatusOK, patch(cookies, cookies[handlers.CSRFCookie].Value), "the session's own token")

	refresh := func(cs map[string]*http.Cookie, header string) int {
		return env.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh",
			Headers: map[string]string{"Cookie": cookieHeader(cs), handlers.CSRFHeader: header}}).Code
	}
	assert.Equal(t, http.StatusForbidden, refresh(withCookie(cookies, handlers.CSRFCookie, planted), planted), "refresh is bound to the refresh token's session")
	assert.Equal(t, http.StatusOK, refresh(cookies, cookies[handlers.CSRFCookie].Value))
}

func TestRefreshKeepsTheSessionsCSRFToken(t *testing.T) {
	env := apitest.New(t)
	env.CreateUser("stay@example.eu", models.RoleStakeholder, true)
	cookies := cookieLogin(t, env, "stay@example.eu")
	rec := env.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh",
		Headers: map[string]string{"Cookie": cookieHeader(cookies), handlers.CSRFHeader: cookies[handlers.CSRFCookie].Value}})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	for _, c := range rec.Result().Cookies() {
		if c.Name == handlers.CSRFCookie {
			assert.Equal(t, cookies[handlers.CSRFCookie].Value, c.Value, "one session, one token")
		}
	}
}
