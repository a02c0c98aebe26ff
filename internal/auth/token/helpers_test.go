package token

import (
	"encoding/base64"
	"encoding/json"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"
)

var (
	testSecret = []byte("0123456789abcdef0123456789abcdef-test-only")
	t0         = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
)

// fakeClock is a settable clock.
type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time          { return c.now }
func (c *fakeClock) Advance(d time.Duration) { c.now = c.now.Add(d) }

func newTestIssuer(t testing.TB) (*Issuer, *fakeClock) {
	t.Helper()
	clock := &fakeClock{now: t0}
	iss, err := NewIssuer(Config{Secret: testSecret, Issuer: "consult", Audience: "consult-api", Clock: clock.Now})
	require.NoError(t, err)
	return iss, clock
}

// validClaims are the claims of a good access token at t0; tests change one thing at a time.
func validClaims() jwt.MapClaims {
	return jwt.MapClaims{
		"iss":  "consult",
		"aud":  []string{"consult-api"},
		"sub":  "0195f1c2-7a3b-7c00-8000-000000000001",
		"exp":  t0.Add(15 * time.Minute).Unix(),
		"iat":  t0.Unix(),
		"nbf":  t0.Unix(),
		"jti":  "0195f1c2-7a3b-7c00-8000-0000000000aa",
		"typ":  "access",
		"role": "stakeholder",
		"fam":  "0195f1c2-7a3b-7c00-8000-0000000000ff",
	}
}

// sign signs claims with method and key through the jwt library.
func sign(t *testing.T, method jwt.SigningMethod, key any, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(method, claims).SignedString(key)
	require.NoError(t, err)
	return s
}

// rawToken assembles a token from a header and claims by hand, with the given signature bytes.
func rawToken(t *testing.T, header map[string]any, claims jwt.MapClaims, sig []byte) string {
	t.Helper()
	h, err := json.Marshal(header)
	require.NoError(t, err)
	c, err := json.Marshal(claims)
	require.NoError(t, err)
	enc := base64.RawURLEncoding
	return enc.EncodeToString(h) + "." + enc.EncodeToString(c) + "." + enc.EncodeToString(sig)
}
