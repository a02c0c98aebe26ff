package token

import (
	"encoding/base64"
	"strings"
	"testing"
)

// FuzzParseAccess checks that no string makes access-token parsing panic, and that whatever it
// accepts carries every claim within the issuer's lifetime. Seeds: a good token, and tokens cut,
// re-signed with "none" and padded.
func FuzzParseAccess(f *testing.F) {
	iss, _ := newTestIssuer(f)
	good, _, err := iss.IssueAccess("0195f1c2-7a3b-7c00-8000-000000000001", "moderator", "fam")
	if err != nil {
		f.Fatal(err)
	}
	parts := strings.Split(good, ".")
	none := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`))
	for _, s := range []string{good, good + "=", parts[0] + "." + parts[1] + ".", none + "." + parts[1] + ".", "a.b.c", "..", "", strings.Repeat("A", MaxTokenLen+1)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tok string) {
		c, err := iss.ParseAccess(tok)
		if err != nil {
			return
		}
		if c.UserID == "" || c.Role == "" || c.Family == "" || c.ID == "" || c.ExpiresAt.Sub(c.IssuedAt) > iss.AccessTTL() {
			t.Fatalf("accepted %q with claims %+v", tok, c)
		}
	})
}

// FuzzWellFormedOpaqueToken checks the shape test of refresh and one-time (verification, reset)
// tokens: it never panics, and what it accepts is exactly the form NewOpaqueToken makes, 32
// bytes in canonical unpadded base64url, so that one token has one spelling and one hash.
func FuzzWellFormedOpaqueToken(f *testing.F) {
	plain, _ := NewOpaqueToken()
	for _, s := range []string{plain, plain[:42], plain + "A", plain[:42] + "=", plain[:42] + "\n", strings.Repeat("_", 43), strings.Repeat("A", 42) + "B", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !WellFormedOpaqueToken(s) {
			return
		}
		raw, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil || len(raw) != opaqueBytes || base64.RawURLEncoding.EncodeToString(raw) != s {
			t.Fatalf("accepted %q, which NewOpaqueToken cannot make", s)
		}
		if len(HashOpaqueToken(s)) != 64 || HashRefreshToken(s) != HashOpaqueToken(s) {
			t.Fatalf("hash of %q", s)
		}
	})
}
