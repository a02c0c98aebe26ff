package handlers_test

import (
	"encoding/base64"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/handlers"
	"consult/models"
)

func getMe(env *apitest.Env, bearer string) int {
	return env.Do(apitest.Request{Method: http.MethodGet, Path: "/api/v1/me", Headers: map[string]string{"Authorization": "Bearer " + bearer}}).Code
}

// forge signs claims like a real access token of u, then applies change.
func forge(env *apitest.Env, u *apitest.User, method jwt.SigningMethod, key any, change func(jwt.MapClaims)) string {
	env.T.Helper()
	real, err := env.Tokens.ParseAccess(u.AccessToken)
	require.NoError(env.T, err)
	now := env.Clock.Now()
	claims := jwt.MapClaims{
		"iss": env.Config.BaseURL, "aud": env.Config.BaseURL + "/api", "sub": u.ID, "typ": "access", "role": "admin",
		"fam": real.Family, "jti": models.NewID(), "iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(10 * time.Minute).Unix(),
	}
	change(claims)
	s, err := jwt.NewWithClaims(method, claims).SignedString(key)
	require.NoError(env.T, err)
	return s
}

var secret = []byte("test-secret-test-secret-test-secret-0123")

func TestForgedAccessTokensAreRefused(t *testing.T) {
	env := apitest.New(t)
	u := env.CreateUser("victim@example.eu", models.RoleStakeholder, true)
	require.Equal(t, http.StatusOK, getMe(env, u.AccessToken))
	require.Equal(t, http.StatusOK, getMe(env, forge(env, u, jwt.SigningMethodHS256, secret, func(jwt.MapClaims) {})), "the forging helper makes valid tokens")

	none := forge(env, u, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, func(jwt.MapClaims) {})
	tests := map[string]string{
		"alg none":                    none,
		"alg none, signature removed": strings.TrimSuffix(none, "."),
		"HS256 with another key":      forge(env, u, jwt.SigningMethodHS256, []byte("another-secret-another-secret-another"), func(jwt.MapClaims) {}),
		"HS512 with the right key":    forge(env, u, jwt.SigningMethodHS512, secret, func(jwt.MapClaims) {}),
		"no exp":                      forge(env, u, jwt.SigningMethodHS256, secret, func(c jwt.MapClaims) { delete(c, "exp") }),
		"expired": forge(env, u, jwt.SigningMethodHS256, secret, func(c jwt.MapClaims) {
			c["exp"] = env.Clock.Now().Add(-time.Minute).Unix()
			c["iat"] = env.Clock.Now().Add(-10 * time.Minute).Unix()
		}),
		"nbf in the future":                  forge(env, u, jwt.SigningMethodHS256, secret, func(c jwt.MapClaims) { c["nbf"] = env.Clock.Now().Add(5 * time.Minute).Unix() }),
		"wrong iss":                          forge(env, u, jwt.SigningMethodHS256, secret, func(c jwt.MapClaims) { c["iss"] = "https://evil.example" }),
		"wrong aud":                          forge(env, u, jwt.SigningMethodHS256, secret, func(c jwt.MapClaims) { c["aud"] = "https://evil.example/api" }),
		"no aud":                             forge(env, u, jwt.SigningMethodHS256, secret, func(c jwt.MapClaims) { delete(c, "aud") }),
		"refresh type":                       forge(env, u, jwt.SigningMethodHS256, secret, func(c jwt.MapClaims) { c["typ"] = "refresh" }),
		"no type":                            forge(env, u, jwt.SigningMethodHS256, secret, func(c jwt.MapClaims) { delete(c, "typ") }),
		"refresh token used as access token": u.RefreshToken,
		"garbage":                            "not.a.token",
	}
	for name, tok := range tests {
		t.Run(name, func(t *testing.T) {
			rec := env.Do(apitest.Request{Method: http.MethodGet, Path: "/api/v1/me", Headers: map[string]string{"Authorization": "Bearer " + tok}})
			assert.Equal(t, http.StatusUnauthorized, rec.Code)
			assert.Equal(t, models.CodeUnauthenticated, problemCode(t, rec.Body.Bytes()))
		})
	}
}

func TestTokenOfOneUserWithAnotherUsersSessionIsRefused(t *testing.T) {
	env := apitest.New(t)
	a := env.CreateUser("a@example.eu", models.RoleStakeholder, true)
	b := env.CreateUser("b@example.eu", models.RoleStakeholder, true)
	bClaims, err := env.Tokens.ParseAccess(b.AccessToken)
	require.NoError(t, err)
	mixed := forge(env, a, jwt.SigningMethodHS256, secret, func(c jwt.MapClaims) { c["fam"] = bClaims.Family })
	assert.Equal(t, http.StatusUnauthorized, getMe(env, mixed))
}

func TestBearerHeaderWithAMegabyteOfDots(t *testing.T) {
	env := apitest.New(t)
	header := "Bearer " + strings.Repeat(".", 1<<20)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	rec := env.Do(apitest.Request{Method: http.MethodGet, Path: "/api/v1/me", Headers: map[string]string{"Authorization": header}})
	runtime.ReadMemStats(&after)
	assert.Equal(t, http.StatusUnauthorized, rec.Code)
	// The header itself is a megabyte; parsing must not multiply it.
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(4<<20), "bounded memory")
}

func TestRefreshRotatesAndReuseRevokesTheFamily(t *testing.T) {
	env := apitest.New(t)
	u := env.CreateUser("rotate@example.eu", models.RoleStakeholder, true)
	first := u.RefreshToken

	rec := env.Do(post("/api/v1/auth/refresh", map[string]string{"refresh_token": first}))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var pair handlersTokenResponse
	apitest.DecodeJSON(t, rec, &pair)
	assert.NotEqual(t, first, pair.RefreshToken)
	require.Equal(t, http.StatusOK, getMe(env, pair.AccessToken))

	// The spent token comes back (a thief, or the victim after the thief): the family dies.
	rec = env.Do(post("/api/v1/auth/refresh", map[string]string{"refresh_token": first}))
	assert.Equal(t, http.StatusUnauthorized, rec.Code)
	rec = env.Do(post("/api/v1/auth/refresh", map[string]string{"refresh_token": pair.RefreshToken}))
	assert.Equal(t, http.StatusUnauthorized, rec.Code, "the successor is revoked with its family")
	assert.Equal(t, http.StatusUnauthorized, getMe(env, pair.AccessToken), "so are its access tokens")
	assert.Equal(t, http.StatusUnauthorized, getMe(env, u.AccessToken))
}

func TestLogoutRevokesTheFamily(t *testing.T) {
	env := apitest.New(t)
	u := env.CreateUser("bye@example.eu", models.RoleStakeholder, true)
	rec := env.As(u, apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/logout"})
	require.Equal(t, http.StatusNoContent, rec.Code)
	assert.Equal(t, http.StatusUnauthorized, getMe(env, u.AccessToken))
	rec = env.Do(post("/api/v1/auth/refresh", map[string]string{"refresh_token": u.RefreshToken}))
	assert.Equal(t, http.StatusUnauthorized, rec.Code)
}

// cookieLogin signs in like a browser and returns its cookies by name.
func cookieLogin(t *testing.T, env *apitest.Env, email string) map[string]*http.Cookie {
	rec := env.Do(post("/api/v1/auth/login", map[string]string{"email": email, "password": apitest.TestPassword}))
	require.Equal(t, http.StatusOK, rec.Code)
	out := map[string]*http.Cookie{}
	for _, c := range rec.Result().Cookies() {
		out[c.Name] = c
	}
	require.Contains(t, out, handlers.AccessCookie)
	require.Contains(t, out, handlers.CSRFCookie)
	assert.True(t, out[handlers.AccessCookie].HttpOnly)
	assert.True(t, out[handlers.RefreshCookie].HttpOnly)
	assert.False(t, out[handlers.CSRFCookie].HttpOnly, "the app's script reads it")
	assert.Equal(t, http.SameSiteLaxMode, out[handlers.AccessCookie].SameSite)
	return out
}

func cookieHeader(cs map[string]*http.Cookie) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, c.Name+"="+c.Value)
	}
	return strings.Join(parts, "; ")
}

func TestCookieSessionsNeedTheCSRFDefence(t *testing.T) {
	env := apitest.New(t)
	env.CreateUser("browser@example.eu", models.RoleStakeholder, true)
	cookies := cookieLogin(t, env, "browser@example.eu")
	csrf := cookies[handlers.CSRFCookie].Value
	patch := func(headers map[string]string) int {
		headers["Cookie"] = cookieHeader(cookies)
		return env.Do(apitest.Request{Method: http.MethodPatch, Path: "/api/v1/me", Body: map[string]string{"organisation": "Changed"}, Headers: headers}).Code
	}
	get := env.Do(apitest.Request{Method: http.MethodGet, Path: "/api/v1/me", Headers: map[string]string{"Cookie": cookieHeader(cookies)}})
	assert.Equal(t, http.StatusOK, get.Code, "safe methods need no CSRF token")

	assert.Equal(t, http.StatusForbidden, patch(map[string]string{}), "no CSRF header")
	assert.Equal(t, http.StatusForbidden, patch(map[string]string{handlers.CSRFHeader: "wrong" + csrf}), "wrong CSRF header")
	assert.Equal(t, http.StatusForbidden, patch(map[string]string{handlers.CSRFHeader: csrf, "Origin": "https://evil.example"}), "cross-origin")
	assert.Equal(t, http.StatusForbidden, patch(map[string]string{handlers.CSRFHeader: csrf, "Sec-Fetch-Site": "cross-site"}), "cross-site")
	assert.Equal(t, http.StatusOK, patch(map[string]string{handlers.CSRFHeader: csrf, "Origin": "http://localhost:8080", "Sec-Fetch-Site": "same-origin"}))
}

func TestCrossOriginCookiePostIsRefused(t *testing.T) {
	env := apitest.New(t)
	env.CreateUser("victim2@example.eu", models.RoleStakeholder, true)
	cookies := cookieLogin(t, env, "victim2@example.eu")
	// What a hostile page can make a browser send: the cookies, its own Origin, no CSRF header.
	rec := env.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/logout",
		Headers: map[string]string{"Cookie": cookieHeader(cookies), "Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}})
	assert.Equal(t, http.StatusForbidden, rec.Code)
	rec = env.Do(apitest.Request{Method: http.MethodDelete, Path: "/api/v1/me",
		Headers: map[string]string{"Cookie": cookieHeader(cookies), "Origin": "https://evil.example"}})
	assert.Equal(t, http.StatusForbidden, rec.Code)
	assert.Equal(t, http.StatusOK, env.Do(apitest.Request{Method: http.MethodGet, Path: "/api/v1/me", Headers: map[string]string{"Cookie": cookieHeader(cookies)}}).Code, "the account is still there")

	// A cross-site login form (login CSRF) is refused too.
	rec = env.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login", Body: map[string]string{"email": "victim2@example.eu", "password": apitest.TestPassword},
		Headers: map[string]string{"Origin": "https://evil.example"}})
	assert.Equal(t, http.StatusForbidden, rec.Code)
}

func TestBearerRequestsNeedNoCSRFToken(t *testing.T) {
	env := apitest.New(t)
	u := env.CreateUser("api@example.eu", models.RoleStakeholder, true)
	rec := env.As(u, apitest.Request{Method: http.MethodPatch, Path: "/api/v1/me", Body: map[string]string{"organisation": "API client"}})
	assert.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
}

func TestStakeholderCannotReachStaffRoutes(t *testing.T) {
	env := apitest.New(t)
	a := env.CreateUser("a@example.eu", models.RoleStakeholder, true)
	b := env.CreateUser("b@example.eu", models.RoleStakeholder, true)
	mod := env.CreateUser("mod@example.eu", models.RoleModerator, true)
	tests := []struct {
		who  *apitest.User
		req  apitest.Request
		want int
	}{
		{a, apitest.Request{Method: http.MethodGet, Path: "/api/v1/admin/users"}, http.StatusForbidden},
		{a, apitest.Request{Method: http.MethodPatch, Path: "/api/v1/admin/users/" + b.ID, Body: map[string]any{"disabled": true}}, http.StatusForbidden},
		{a, apitest.Request{Method: http.MethodPatch, Path: "/api/v1/admin/users/" + a.ID, Body: map[string]any{"role": "admin"}}, http.StatusForbidden},
		{mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/admin/users"}, http.StatusForbidden},
		{mod, apitest.Request{Method: http.MethodPatch, Path: "/api/v1/admin/users/" + b.ID, Body: map[string]any{"disabled": true}}, http.StatusForbidden},
	}
	for _, tc := range tests {
		rec := env.As(tc.who, tc.req)
		assert.Equal(t, tc.want, rec.Code, "%s %s %s", tc.who.Email, tc.req.Method, tc.req.Path)
	}
	var got models.User
	require.NoError(t, env.DB.Where("id = ?", b.ID).Take(&got).Error)
	assert.False(t, got.Disabled)
	var gotA models.User
	require.NoError(t, env.DB.Where("id = ?", a.ID).Take(&gotA).Error)
	assert.Equal(t, models.RoleStakeholder, gotA.Role)
	assert.Equal(t, http.StatusUnauthorized, env.Get("/api/v1/admin/users").Code)
}

func TestStakeholderSeesAndChangesOnlyTheirOwnProfileAndData(t *testing.T) {
	env := apitest.New(t)
	a := env.CreateUser("a@example.eu", models.RoleStakeholder, true)
	b := env.CreateUser("b@example.eu", models.RoleStakeholder, true)
	rec := env.As(a, apitest.Request{Method: http.MethodGet, Path: "/api/v1/me/data"})
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), a.ID)
	assert.NotContains(t, rec.Body.String(), b.ID)
	assert.NotContains(t, rec.Body.String(), "b@example.eu")

	rec = env.As(a, apitest.Request{Method: http.MethodPatch, Path: "/api/v1/me", Body: map[string]any{"id": b.ID, "organisation": "Hijack"}})
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code, "an id in the body is refused")
	rec = env.As(a, apitest.Request{Method: http.MethodPatch, Path: "/api/v1/me?id=" + b.ID, Body: map[string]any{"organisation": "Mine"}})
	require.Equal(t, http.StatusOK, rec.Code)
	var got models.User
	require.NoError(t, env.DB.Where("id = ?", b.ID).Take(&got).Error)
	assert.Equal(t, "Test Org", got.Organisation)
	var gotA models.User
	require.NoError(t, env.DB.Where("id = ?", a.ID).Take(&gotA).Error)
	assert.Equal(t, "Mine", gotA.Organisation)
}

func TestPatchMeRefusesRoleAndEmailVerified(t *testing.T) {
	env := apitest.New(t)
	u := env.CreateUser("sneaky@example.eu", models.RoleStakeholder, false)
	for _, body := range []map[string]any{
		{"role": "admin"},
		{"email_verified": true},
		{"display_name": "New name", "role": "moderator"},
		{"disabled": false},
		{"email": "other@example.eu"},
	} {
		rec := env.As(u, apitest.Request{Method: http.MethodPatch, Path: "/api/v1/me", Body: body})
		assert.Equal(t, http.StatusUnprocessableEntity, rec.Code, body)
	}
	var got models.User
	require.NoError(t, env.DB.Where("id = ?", u.ID).Take(&got).Error)
	assert.Equal(t, models.RoleStakeholder, got.Role)
	assert.False(t, got.EmailVerified)
	assert.Equal(t, "Test stakeholder", got.DisplayName, "nothing of a refused body is applied")
}

func TestLoginThrottlingHoldsWhenXForwardedForRotates(t *testing.T) {
	env := apitest.New(t)
	env.CreateUser("target@example.eu", models.RoleStakeholder, true)
	attempt := func(i int, password string) *httptestRecorder {
		return env.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login",
			Body:    map[string]string{"email": "target@example.eu", "password": password},
			Headers: map[string]string{"X-Forwarded-For": "10.0.0." + itoa(i), "X-Real-IP": "10.1.0." + itoa(i)}})
	}
	for i := range 5 {
		assert.Equal(t, http.StatusUnauthorized, attempt(i, "wrong guess number "+itoa(i)).Code)
	}
	rec := attempt(99, "wrong guess again")
	assert.Equal(t, http.StatusTooManyRequests, rec.Code)
	assert.Equal(t, models.CodeRateLimited, problemCode(t, rec.Body.Bytes()))
	assert.NotEmpty(t, rec.Header().Get("Retry-After"))
	assert.Equal(t, http.StatusTooManyRequests, attempt(100, apitest.TestPassword).Code, "even the right password waits")

	// Per client address too: many accounts from one address, whatever the header says.
	for i := range 20 {
		env.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login", RemoteAddr: "192.0.2.50:1234",
			Body:    map[string]string{"email": "user" + itoa(i) + "@example.eu", "password": "wrong password here"},
			Headers: map[string]string{"X-Forwarded-For": "10.9.0." + itoa(i)}})
	}
	rec = env.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login", RemoteAddr: "192.0.2.50:1234",
		Body: map[string]string{"email": "fresh@example.eu", "password": "wrong password here"}, Headers: map[string]string{"X-Forwarded-For": "10.9.9.9"}})
	assert.Equal(t, http.StatusTooManyRequests, rec.Code)

	// The window passes.
	env.Clock.Advance(16 * time.Minute)
	assert.Equal(t, http.StatusOK, attempt(101, apitest.TestPassword).Code)
}

func TestDisablingAnAccountEndsItsSessionsAtOnce(t *testing.T) {
	env := apitest.New(t)
	admin := env.CreateUser("admin@example.eu", models.RoleAdmin, true)
	u := env.CreateUser("user@example.eu", models.RoleStakeholder, true)
	require.Equal(t, http.StatusOK, getMe(env, u.AccessToken))
	rec := env.As(admin, apitest.Request{Method: http.MethodPatch, Path: "/api/v1/admin/users/" + u.ID, Body: map[string]any{"disabled": true}})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, http.StatusUnauthorized, getMe(env, u.AccessToken), "the unexpired access token dies at once")
	assert.Equal(t, http.StatusUnauthorized, env.Do(post("/api/v1/auth/refresh", map[string]string{"refresh_token": u.RefreshToken})).Code)
	assert.Equal(t, http.StatusUnauthorized, env.Do(post("/api/v1/auth/login", map[string]string{"email": u.Email, "password": u.Password})).Code)
}

func TestTokensInOddPlacesAreRefused(t *testing.T) {
	env := apitest.New(t)
	u := env.CreateUser("odd@example.eu", models.RoleStakeholder, true)
	for _, h := range []string{"Basic " + base64.StdEncoding.EncodeToString([]byte("a:b")), "Bearer", "Bearer  ", "Token " + u.AccessToken} {
		rec := env.Do(apitest.Request{Method: http.MethodGet, Path: "/api/v1/me", Headers: map[string]string{"Authorization": h}})
		assert.Equal(t, http.StatusUnauthorized, rec.Code, h)
	}
}
