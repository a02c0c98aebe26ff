package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUsersCreate(t *testing.T) {
	env := []string{"CONSULT_DATABASE_URL=" + testDatabaseURL(t), "CONSULT_DATA_DIR=" + t.TempDir()}
	_, stderr, code := run(t, env, "", "migrate", "up")
	require.Equal(t, 0, code, stderr)

	tests := []struct {
		name     string
		stdin    string
		args     []string
		code     int
		contains string
	}{
		{"admin", "a sturdy passphrase\n", []string{"--email", "Ana@Agency.example.eu", "--name", "Ana", "--role", "admin"}, 0, "created admin ana@agency.example.eu"},
		{"same email again", "a sturdy passphrase\n", []string{"--email", "ana@agency.example.eu", "--name", "Ana", "--role", "admin"}, 1, "exists"},
		{"no password", "", []string{"--email", "b@agency.example.eu", "--name", "B", "--role", "moderator"}, 1, "no password on standard input"},
		{"weak password", "password1234\n", []string{"--email", "b@agency.example.eu", "--name", "B", "--role", "moderator"}, 1, "too common"},
		{"bad role", "a sturdy passphrase\n", []string{"--email", "b@agency.example.eu", "--name", "B", "--role", "king"}, 1, "role must be"},
		{"bad email", "a sturdy passphrase\n", []string{"--email", "not-an-email", "--name", "B", "--role", "moderator"}, 1, "email is not a valid email address"},
		{"missing flags", "a sturdy passphrase\n", []string{"--email", "b@agency.example.eu"}, 1, "required flag"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, stderr, code := run(t, env, tc.stdin, append([]string{"users", "create"}, tc.args...)...)
			assert.Equal(t, tc.code, code, stderr)
			assert.Contains(t, out+stderr, tc.contains)
		})
	}
}

func TestDemoLoadsAndIsIdempotent(t *testing.T) {
	env := []string{"CONSULT_DATABASE_URL=" + testDatabaseURL(t)}
	out, stderr, code := run(t, env, "", "demo")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "demo data loaded")
	assert.Contains(t, out, "moderator@example.org")
	out, stderr, code = run(t, env, "", "demo")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "already loaded")

	prod := append(env, "CONSULT_ENV=production", "CONSULT_JWT_SECRET="+strings.Repeat("k", 40), "CONSULT_AUDIT_KEY="+strings.Repeat("a", 40), "CONSULT_SMTP_URL=smtp://127.0.0.1:25", "CONSULT_BASE_URL=https://c.example.eu")
	_, stderr, code = run(t, prod, "", "demo")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "refusing")
}
