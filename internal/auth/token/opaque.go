package token

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// opaqueBytes is the entropy of an opaque token: 256 bits.
const opaqueBytes = 32

// OpaqueTokenLen is the length of the string NewOpaqueToken returns: 32 bytes in unpadded
// base64url.
const OpaqueTokenLen = 43

// NewOpaqueToken returns a new random token for a refresh, e-mail verification or password
// reset, and the hash to store in its place: 32 bytes from crypto/rand, base64url without
// padding (43 characters), and the SHA-256 digest of that string in hex.
//
// A plain, unsalted SHA-256 is the right hash here, unlike for passwords: the token has 256 bits
// of entropy, so neither guessing nor precomputed tables can invert the digest, and a fast
// deterministic hash lets the database find the token by an indexed equality on the digest.
// Whoever reads the table learns no usable token. Because the looked-up value is the digest of
// attacker input, a timing difference in the index lookup reveals nothing about stored tokens.
func NewOpaqueToken() (plain, hash string) {
	b := make([]byte, opaqueBytes)
	_, _ = rand.Read(b) // crypto/rand.Read never fails; it crashes the program instead
	plain = base64.RawURLEncoding.EncodeToString(b)
	return plain, HashOpaqueToken(plain)
}

// HashOpaqueToken returns the hash stored for an opaque token: hex SHA-256 of the string.
func HashOpaqueToken(plain string) string {
	sum := sha256.Sum256([]byte(plain))
	return hex.EncodeToString(sum[:])
}

// WellFormedOpaqueToken reports whether s has the shape of a token from NewOpaqueToken, so that
// obviously malformed input can be refused before a database lookup.
func WellFormedOpaqueToken(s string) bool {
	if len(s) != OpaqueTokenLen {
		return false
	}
	for _, c := range []byte(s) {
		if !base64URLChar(c) { // the decoder would skip CR and LF
			return false
		}
	}
	_, err := base64.RawURLEncoding.Strict().DecodeString(s)
	return err == nil
}

// NewRefreshToken returns a new refresh token and the hash to store; see NewOpaqueToken.
func NewRefreshToken() (plain, hash string) { return NewOpaqueToken() }

// HashRefreshToken returns the hash stored for a refresh token; see HashOpaqueToken.
func HashRefreshToken(plain string) string { return HashOpaqueToken(plain) }
