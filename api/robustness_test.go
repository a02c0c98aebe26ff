package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"consult/api"
	"consult/api/apitest"
	"consult/handlers"
	"consult/models"
)

// TestNoRouteAnswers500ToBadInput sends every route of the table a set of malformed requests, as
// an admin (so the guards let them through), and expects a 4xx problem, never a 5xx.
func TestNoRouteAnswers500ToBadInput(t *testing.T) {
	env := apitest.New(t)
	admin := env.CreateUser("admin@example.eu", models.RoleAdmin, true)
	bodies := []struct {
		contentType, body string
	}{
		{"application/json", `{`},
		{"application/json", `[]`},
		{"application/json", `"text"`},
		{"application/json", `{"version":"one","limit":-1,"items":{},"file":null}`},
		{"application/json", `{"opens_at":"yesterday","closes_at":12}`},
		{"application/json", `{"` + strings.Repeat("k", 300) + `":1}`},
		{"application/json", "{\"body\":\"\x00\xff\"}"},
		{"application/x-www-form-urlencoded", `a=b`},
		{"multipart/form-data; boundary=zzz", "--zzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\n%PDF-garbage\r\n--zzz--\r\n"},
		{"multipart/form-data", "no boundary"},
		{"", ""},
	}
	for _, field := range []string{"markdown", "body", "title", "summary", "slug", "version_label", "response", "email", "password",
		"details", "note", "redacted_body", "proposed_change", "description", "display_name", "organisation", "token", "refresh_token"} {
		nul := `{"` + field + `":"## 1 A\u0000 x","version_label":"1","comment_type":"general","publication":"public_named",` +
			`"action":"redact","resolution":"noted","reason":"other","version":1}`
		bodies = append(bodies, struct{ contentType, body string }{"application/json", nul})
	}
	params := []string{"not-an-id", models.NewID(), "%00", strings.Repeat("9", 200), "..%2F..%2Fetc"}
	for _, r := range api.Routes(&handlers.Handlers{}) {
		// Skip the routes that end the admin's session; their bad input is covered elsewhere.
		if r.Path == "/metrics" || r.Path == "/api/v1/auth/logout" || (r.Path == "/api/v1/me" && r.Method == http.MethodDelete) {
			continue
		}
		for _, p := range params {
			path := r.Path
			for _, name := range []string{":id", ":slug", ":cluster_id"} {
				path = strings.ReplaceAll(path, name, p)
			}
			query := "?limit=abc&cursor=" + p + "&status=weird&format=doc&scope=x&against=" + p + "&q=%22%27%29%28*&country=zz"
			for _, b := range bodies {
				rec := env.As(admin, apitest.Request{Method: r.Method, Path: path + query, Body: b.body, Headers: map[string]string{"Content-Type": b.contentType}})
				assert.Less(t, rec.Code, 500, "%s %s (%s %q): %s", r.Method, path, b.contentType, b.body, rec.Body.String())
				if !strings.HasPrefix(r.Path, "/api/v1/auth/") { // sign-in routes answer 401 to bad credentials
					assert.NotEqual(t, 401, rec.Code, "%s %s: the admin must stay signed in for the check to mean anything", r.Method, path)
				}
			}
		}
	}
}
