package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api"
	"consult/api/apitest"
	"consult/models"
)

func registration(email string) map[string]any {
	return map[string]any{
		"email": email, "password": "fjord quilt saxophone 7", "display_name": "Zoë Łukasiewicz",
		"organisation": "Ελληνική Ένωση", "stakeholder_type": "ngo", "country": "GR", "language": "el",
	}
}

func post(path string, body any) apitest.Request {
	return apitest.Request{Method: http.MethodPost, Path: path, Body: body}
}

func problemCode(t *testing.T, body []byte) models.Code {
	t.Helper()
	var p api.Problem
	require.NoError(t, jsonUnmarshal(body, &p))
	return p.Code
}

func TestRegisterVerifyAndLogin(t *testing.T) {
	env := apitest.New(t)
	rec := env.Do(post("/api/v1/auth/register", registration("Zoe@Example.eu")))
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var u map[string]any
	apitest.DecodeJSON(t, rec, &u)
	assert.Equal(t, "zoe@example.eu", u["email"])
	assert.Equal(t, false, u["email_verified"])
	assert.Equal(t, "stakeholder", u["role"])
	assert.Equal(t, "Zoë Łukasiewicz", u["display_name"])
	assert.NotContains(t, rec.Body.String(), "password")

	m, token := env.LastMailTo(t, "zoe@example.eu")
	assert.Equal(t, "Confirm your email address", m.Subject)
	require.NotEmpty(t, token)

	// Unverified accounts can sign in and read.
	rec = env.Do(post("/api/v1/auth/login", map[string]string{"email": "zoe@example.eu", "password": "fjord quilt saxophone 7"}))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var tok handlersTokenResponse
	apitest.DecodeJSON(t, rec, &tok)
	assert.Equal(t, "Bearer", tok.TokenType)
	assert.Equal(t, 900, tok.ExpiresIn)
	assert.NotEmpty(t, tok.RefreshToken)

	rec = env.Do(post("/api/v1/auth/verify-email", map[string]string{"token": token}))
	require.Equal(t, http.StatusNoContent, rec.Code, rec.Body.String())
	rec = env.Do(apitest.Request{Method: http.MethodGet, Path: "/api/v1/me", Headers: map[string]string{"Authorization": "Bearer " + tok.AccessToken}})
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), `"email_verified":true`)

	rec = env.Do(post("/api/v1/auth/verify-email", map[string]string{"token": token}))
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code, "a verification link works once")
}

func TestRegisterExistingEmailLooksLikeANewRegistration(t *testing.T) {
	env := apitest.New(t)
	first := env.Do(post("/api/v1/auth/register", registration("taken@example.eu")))
	require.Equal(t, http.StatusCreated, first.Code)
	second := env.Do(post("/api/v1/auth/register", registration("TAKEN@example.eu")))
	require.Equal(t, http.StatusCreated, second.Code)
	var a, b map[string]any
	apitest.DecodeJSON(t, first, &a)
	apitest.DecodeJSON(t, second, &b)
	assert.Equal(t, keys(a), keys(b), "same shape")
	assert.NotEqual(t, a["id"], b["id"])
	m, _ := env.LastMailTo(t, "taken@example.eu")
	assert.Equal(t, "Someone tried to register with your email address", m.Subject)
	var n int64
	env.DB.Model(&models.User{}).Where("email = ?", "taken@example.eu").Count(&n)
	assert.Equal(t, int64(1), n)
}

func TestRegisterValidation(t *testing.T) {
	env := apitest.New(t)
	tests := []struct {
		name   string
		change map[string]any
		field  string
	}{
		{"bad email", map[string]any{"email": "nope"}, "email"},
		{"short password", map[string]any{"password": "short"}, "password"},
		{"common password", map[string]any{"password": "password1234"}, "password"},
		{"129-character password", map[string]any{"password": strings.Repeat("ab", 64) + "c"}, "password"},
		{"unknown stakeholder type", map[string]any{"stakeholder_type": "pirate"}, "stakeholder_type"},
		{"lower-case country", map[string]any{"country": "gr"}, "country"},
		{"unassigned country", map[string]any{"country": "XX"}, "country"},
		{"missing name", map[string]any{"display_name": ""}, "display_name"},
		{"role is not accepted", map[string]any{"role": "admin"}, "role"},
		{"email_verified is not accepted", map[string]any{"email_verified": true}, "email_verified"},
		{"wrong type", map[string]any{"country": 12}, "country"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := registration("v-" + strings.ReplaceAll(tc.name, " ", "-") + "@example.eu")
			for k, v := range tc.change {
				body[k] = v
			}
			rec := env.Do(post("/api/v1/auth/register", body))
			require.Equal(t, http.StatusUnprocessableEntity, rec.Code, rec.Body.String())
			var p api.Problem
			apitest.DecodeJSON(t, rec, &p)
			assert.Equal(t, models.CodeValidationFailed, p.Code)
			var fields []string
			for _, e := range p.Errors {
				fields = append(fields, e.Field)
			}
			assert.Contains(t, fields, tc.field)
		})
	}
	rec := env.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/register", Body: "{not json", Headers: map[string]string{"Content-Type": "application/json"}})
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	rec = env.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/register", Body: "email=x", Headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}})
	assert.Equal(t, http.StatusUnsupportedMediaType, rec.Code)
}

func TestLoginAnswersAlikeForUnknownAndKnownEmails(t *testing.T) {
	env := apitest.New(t)
	env.CreateUser("known@example.eu", models.RoleStakeholder, true)
	wrong := env.Do(post("/api/v1/auth/login", map[string]string{"email": "known@example.eu", "password": "not the password at all"}))
	unknown := env.Do(post("/api/v1/auth/login", map[string]string{"email": "nobody@example.eu", "password": "not the password at all"}))
	assert.Equal(t, http.StatusUnauthorized, wrong.Code)
	assert.Equal(t, http.StatusUnauthorized, unknown.Code)
	strip := func(s string) string { return s[:strings.Index(s, `"request_id"`)] }
	assert.Equal(t, strip(wrong.Body.String()), strip(unknown.Body.String()))
}

type handlersTokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	RefreshToken string `json:"refresh_token"`
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return sortStrings(out)
}
