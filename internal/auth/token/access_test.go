package token

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIssueAndParseAccess(t *testing.T) {
	iss, clock := newTestIssuer(t)
	clock.now = t0.Add(123 * time.Millisecond) // sub-second part is dropped, as JWT times are seconds
	tok, exp, err := iss.IssueAccess("user-1", "staff", "family-1")
	require.NoError(t, err)
	assert.Equal(t, t0.Add(DefaultAccessTTL), exp)
	assert.Less(t, len(tok), 1024)

	c, err := iss.ParseAccess(tok)
	require.NoError(t, err)
	assert.Equal(t, "user-1", c.UserID)
	assert.Equal(t, "staff", c.Role)
	assert.Equal(t, "family-1", c.Family)
	assert.Equal(t, exp, c.ExpiresAt)
	assert.Equal(t, t0, c.IssuedAt)
	id, err := uuid.Parse(c.ID)
	require.NoError(t, err)
	assert.Equal(t, uuid.Version(7), id.Version())

	// The wire form: HS256 header, and exactly the documented claims.
	parts := strings.Split(tok, ".")
	require.Len(t, parts, 3)
	var header, claims map[string]any
	decodeSegment(t, parts[0], &header)
	decodeSegment(t, parts[1], &claims)
	assert.Equal(t, map[string]any{"alg": "HS256", "typ": "JWT"}, header)
	assert.Equal(t, map[string]any{
		"iss": "consult", "aud": []any{"consult-api"}, "sub": "user-1",
		"exp": float64(t0.Add(15 * time.Minute).Unix()), "iat": float64(t0.Unix()), "nbf": float64(t0.Unix()),
		"jti": c.ID, "typ": "access", "role": "staff", "fam": "family-1",
	}, claims)

	// Two tokens never share a jti.
	tok2, _, err := iss.IssueAccess("user-1", "staff", "family-1")
	require.NoError(t, err)
	c2, err := iss.ParseAccess(tok2)
	require.NoError(t, err)
	assert.NotEqual(t, c.ID, c2.ID)

	// A hand-made token with the same claims, signed with the right key, is accepted too.
	_, err = iss.ParseAccess(sign(t, jwt.SigningMethodHS256, testSecret, validClaims()))
	assert.NoError(t, err)
}

func TestIssueAccessRequiresFields(t *testing.T) {
	iss, _ := newTestIssuer(t)
	for _, args := range [][3]string{{"", "staff", "f"}, {"u", "", "f"}, {"u", "staff", ""}} {
		_, _, err := iss.IssueAccess(args[0], args[1], args[2])
		assert.Error(t, err, "%q", args)
	}
}

func TestParseAccessRejectsAlgNone(t *testing.T) {
	iss, _ := newTestIssuer(t)
	tokens := []string{sign(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, validClaims())}
	for _, alg := range []string{"none", "None", "NONE", "nOnE"} {
		tokens = append(tokens,
			rawToken(t, map[string]any{"alg": alg, "typ": "JWT"}, validClaims(), nil),
			// with a non-empty signature
			rawToken(t, map[string]any{"alg": alg, "typ": "JWT"}, validClaims(), []byte("x")))
	}
	for _, tok := range tokens {
		_, err := iss.ParseAccess(tok)
		assertRefusedForAlgorithm(t, err, tok)
	}
}

func TestParseAccessRejectsOtherKey(t *testing.T) {
	iss, _ := newTestIssuer(t)
	for _, key := range [][]byte{
		[]byte("another-secret-of-at-least-32-bytes!!"),
		testSecret[:len(testSecret)-1],                  // a prefix of the right key
		append(append([]byte(nil), testSecret...), '!'), // the right key and one byte more
		{},
	} {
		_, err := iss.ParseAccess(sign(t, jwt.SigningMethodHS256, key, validClaims()))
		assert.ErrorIs(t, err, ErrInvalidToken)
		assert.ErrorIs(t, err, jwt.ErrTokenSignatureInvalid)
	}
}

func TestParseAccessRejectsTamperedClaims(t *testing.T) {
	iss, _ := newTestIssuer(t)
	tok, _, err := iss.IssueAccess("user-1", "stakeholder", "family-1")
	require.NoError(t, err)
	parts := strings.Split(tok, ".")
	var claims map[string]any
	decodeSegment(t, parts[1], &claims)
	claims["role"] = "admin"
	payload, err := json.Marshal(claims)
	require.NoError(t, err)
	forged := parts[0] + "." + base64.RawURLEncoding.EncodeToString(payload) + "." + parts[2]
	_, err = iss.ParseAccess(forged)
	assert.ErrorIs(t, err, ErrInvalidToken)
	assert.ErrorIs(t, err, jwt.ErrTokenSignatureInvalid)
}

func TestParseAccessRejectsMissingExp(t *testing.T) {
	iss, _ := newTestIssuer(t)
	claims := validClaims()
	delete(claims, "exp")
	_, err := iss.ParseAccess(sign(t, jwt.SigningMethodHS256, testSecret, claims))
	assert.ErrorIs(t, err, ErrInvalidToken)
	assert.ErrorIs(t, err, jwt.ErrTokenRequiredClaimMissing)
}

func TestParseAccessRejectsExpired(t *testing.T) {
	iss, clock := newTestIssuer(t)
	tok, exp, err := iss.IssueAccess("user-1", "stakeholder", "family-1")
	require.NoError(t, err)

	clock.now = exp.Add(Leeway - time.Second) // still within the documented leeway
	_, err = iss.ParseAccess(tok)
	assert.NoError(t, err)

	clock.now = exp.Add(Leeway) // valid while now < exp + leeway
	_, err = iss.ParseAccess(tok)
	assert.ErrorIs(t, err, ErrInvalidToken)
	assert.ErrorIs(t, err, jwt.ErrTokenExpired)
}

func TestParseAccessRejectsFutureNbf(t *testing.T) {
	iss, _ := newTestIssuer(t)
	claims := validClaims()
	claims["nbf"] = t0.Add(Leeway + time.Minute).Unix()
	_, err := iss.ParseAccess(sign(t, jwt.SigningMethodHS256, testSecret, claims))
	assert.ErrorIs(t, err, ErrInvalidToken)
	assert.ErrorIs(t, err, jwt.ErrTokenNotValidYet)

	claims["nbf"] = t0.Add(Leeway).Unix() // within the leeway
	_, err = iss.ParseAccess(sign(t, jwt.SigningMethodHS256, testSecret, claims))
	assert.NoError(t, err)
}

func TestParseAccessRejectsFutureIat(t *testing.T) {
	iss, _ := newTestIssuer(t)
	claims := validClaims()
	claims["iat"] = t0.Add(Leeway + time.Minute).Unix()
	_, err := iss.ParseAccess(sign(t, jwt.SigningMethodHS256, testSecret, claims))
	assert.ErrorIs(t, err, ErrInvalidToken)
	assert.ErrorIs(t, err, jwt.ErrTokenUsedBeforeIssued)
}

func TestParseAccessRejectsWrongIssuer(t *testing.T) {
	iss, _ := newTestIssuer(t)
	for _, v := range []any{"someone-else", "Consult", "", nil} {
		claims := validClaims()
		claims["iss"] = v
		if v == nil {
			delete(claims, "iss")
		}
		_, err := iss.ParseAccess(sign(t, jwt.SigningMethodHS256, testSecret, claims))
		assert.ErrorIs(t, err, ErrInvalidToken, "%v", v)
		assert.True(t, errors.Is(err, jwt.ErrTokenInvalidIssuer) || errors.Is(err, jwt.ErrTokenRequiredClaimMissing), "%v: %v", v, err)
	}
}

func TestParseAccessRejectsWrongAudience(t *testing.T) {
	iss, _ := newTestIssuer(t)
	for _, v := range []any{"other-api", []string{"other-api"}, []string{}, "", nil} {
		claims := validClaims()
		claims["aud"] = v
		if v == nil {
			delete(claims, "aud")
		}
		_, err := iss.ParseAccess(sign(t, jwt.SigningMethodHS256, testSecret, claims))
		assert.ErrorIs(t, err, ErrInvalidToken, "%v", v)
		assert.True(t, errors.Is(err, jwt.ErrTokenInvalidAudience) || errors.Is(err, jwt.ErrTokenRequiredClaimMissing), "%v: %v", v, err)
	}
}

func TestParseAccessRejectsRefreshTypeToken(t *testing.T) {
	iss, _ := newTestIssuer(t)
	for _, typ := range []any{"refresh", "Access", "", nil} {
		claims := validClaims()
		claims["typ"] = typ
		if typ == nil {
			delete(claims, "typ")
		}
		_, err := iss.ParseAccess(sign(t, jwt.SigningMethodHS256, testSecret, claims))
		assert.ErrorIs(t, err, ErrInvalidToken, "%v", typ)
		assert.ErrorIs(t, err, errWrongType, "%v", typ)
	}
}

func TestParseAccessRejectsMissingClaims(t *testing.T) {
	iss, _ := newTestIssuer(t)
	for _, name := range []string{"sub", "jti", "role", "fam", "iat"} {
		claims := validClaims()
		delete(claims, name)
		_, err := iss.ParseAccess(sign(t, jwt.SigningMethodHS256, testSecret, claims))
		assert.ErrorIs(t, err, errMissingClaim, name)

		claims = validClaims()
		claims[name] = 42 // a JSON number: the wrong type, or for iat a time 56 years ago
		_, err = iss.ParseAccess(sign(t, jwt.SigningMethodHS256, testSecret, claims))
		assert.ErrorIs(t, err, ErrInvalidToken, name)
	}
}

func TestParseAccessRejectsOtherAlgorithms(t *testing.T) {
	iss, _ := newTestIssuer(t)
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	_, edKey, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)

	// Key confusion: an RS256 (or ES256) header whose signature is an HMAC-SHA256 made with the
	// HS256 secret, hoping the verifier picks the algorithm from the header.
	confused := func(alg string) string {
		tok := rawToken(t, map[string]any{"alg": alg, "typ": "JWT"}, validClaims(), nil)
		signingInput := tok[:strings.LastIndex(tok, ".")]
		mac := hmac.New(sha256.New, testSecret)
		mac.Write([]byte(signingInput))
		return signingInput + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
	}
	cases := map[string]string{
		"HS384 with the right secret":  sign(t, jwt.SigningMethodHS384, testSecret, validClaims()),
		"HS512 with the right secret":  sign(t, jwt.SigningMethodHS512, testSecret, validClaims()),
		"RS256 header, HMAC signature": confused("RS256"),
		"ES256 header, HMAC signature": confused("ES256"),
		"PS256 header, HMAC signature": confused("PS256"),
		"hs256 in lower case":          confused("hs256"),
		"RS256 signed with an RSA key": sign(t, jwt.SigningMethodRS256, rsaKey, validClaims()),
		"ES256 signed with an EC key":  sign(t, jwt.SigningMethodES256, ecKey, validClaims()),
		"EdDSA signed with an Ed25519": sign(t, jwt.SigningMethodEdDSA, edKey, validClaims()),
		"no alg header":                rawToken(t, map[string]any{"typ": "JWT"}, validClaims(), []byte("sig")),
	}
	for name, tok := range cases {
		_, err := iss.ParseAccess(tok)
		assertRefusedForAlgorithm(t, err, name)
	}
	// Control: the same construction with the HS256 header is accepted, so the refusals above
	// are about the algorithm, not about the construction.
	_, err = iss.ParseAccess(confused("HS256"))
	assert.NoError(t, err)
}

func TestParseAccessRejectsLongLifetime(t *testing.T) {
	// A token valid for longer than this issuer's TTL was not made by it (or was made under an
	// older, longer setting): refused even though exp is still ahead.
	iss, _ := newTestIssuer(t)
	claims := validClaims()
	claims["iat"] = t0.Add(-time.Hour).Unix()
	_, err := iss.ParseAccess(sign(t, jwt.SigningMethodHS256, testSecret, claims))
	assert.ErrorIs(t, err, errLifetime)

	claims["iat"] = t0.Add(-time.Second).Unix()
	claims["exp"] = t0.Add(15 * time.Minute).Add(-time.Second).Unix()
	_, err = iss.ParseAccess(sign(t, jwt.SigningMethodHS256, testSecret, claims))
	assert.NoError(t, err, "exactly the TTL")
}

func TestParseAccessRejectsMalformed(t *testing.T) {
	iss, _ := newTestIssuer(t)
	good := sign(t, jwt.SigningMethodHS256, testSecret, validClaims())
	for _, tok := range []string{
		"", ".", "..", "...", "a.b", "a.b.c.d", "not a token",
		good + ".", "." + good, good + "=", strings.Replace(good, ".", "=.", 1),
		" " + good, good + "\n", good + "\r\n", strings.Replace(good, ".", ".\n", 1),
		strings.ReplaceAll(good, "-", "+") + "+/", // standard base64 alphabet
	} {
		_, err := iss.ParseAccess(tok)
		assert.ErrorIs(t, err, ErrInvalidToken, "%q", tok)
	}
}

func TestParseAccessRejectsMegabyteOfDots(t *testing.T) {
	iss, _ := newTestIssuer(t)
	hostile := map[string]string{
		"dots":              strings.Repeat(".", 1<<20),
		"three segments":    strings.Repeat("a", 1<<19) + "." + strings.Repeat("b", 1<<19) + ".c",
		"just over the cap": strings.Repeat("a", MaxTokenLen-2) + "...",
	}
	for name, tok := range hostile {
		_, err := iss.ParseAccess(tok)
		assert.ErrorIs(t, err, ErrInvalidToken, name)
		assert.ErrorIs(t, err, errTooLong, name)

		// Refused before any decoding: no allocation at all, measured two ways.
		allocs := testing.AllocsPerRun(50, func() { _, _ = iss.ParseAccess(tok) })
		assert.Zero(t, allocs, name)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for range 50 {
			_, _ = iss.ParseAccess(tok)
		}
		runtime.ReadMemStats(&after)
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(64<<10), "%s: bytes allocated by 50 calls", name)
	}
	// A token of exactly MaxTokenLen bytes is not refused for its length.
	_, err := iss.ParseAccess(strings.Repeat("a", MaxTokenLen-2) + "..")
	assert.ErrorIs(t, err, ErrInvalidToken)
	assert.NotErrorIs(t, err, errTooLong)
}

// assertRefusedForAlgorithm checks that err refuses a token for its algorithm: one the parser
// knows but does not accept (invalid signature), or one it does not know (unverifiable).
func assertRefusedForAlgorithm(t *testing.T, err error, name string) {
	t.Helper()
	assert.ErrorIs(t, err, ErrInvalidToken, name)
	assert.True(t, errors.Is(err, jwt.ErrTokenSignatureInvalid) || errors.Is(err, jwt.ErrTokenUnverifiable),
		"%s: %v", name, err)
}

func decodeSegment(t *testing.T, seg string, v any) {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(seg)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, v))
}

// TestParseAccessAgain: a token verified once is remembered, not decoded again, yet gives the same
// claims and still has its times checked on every use, like a token seen for the first time.
func TestParseAccessAgain(t *testing.T) {
	iss, clock := newTestIssuer(t)
	tok, exp, err := iss.IssueAccess("user-1", "stakeholder", "family-1")
	require.NoError(t, err)
	first, err := iss.ParseAccess(tok)
	require.NoError(t, err)
	again, err := iss.ParseAccess(tok)
	require.NoError(t, err)
	assert.Equal(t, first, again)

	clock.now = t0.Add(-Leeway - time.Second) // before its iat and nbf, beyond the leeway
	_, err = iss.ParseAccess(tok)
	assert.ErrorIs(t, err, jwt.ErrTokenUsedBeforeIssued)
	clock.now = exp.Add(Leeway)
	_, err = iss.ParseAccess(tok)
	assert.ErrorIs(t, err, jwt.ErrTokenExpired)

	tampered := tok[:len(tok)-2] + "AA"
	if tampered == tok {
		tampered = tok[:len(tok)-2] + "BB"
	}
	clock.now = t0
	_, err = iss.ParseAccess(tampered)
	assert.ErrorIs(t, err, ErrInvalidToken, "only the exact token verified is remembered")
}
