package token

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewOpaqueToken(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		plain, hash := NewOpaqueToken()
		assert.Len(t, plain, OpaqueTokenLen)
		raw, err := base64.RawURLEncoding.DecodeString(plain)
		require.NoError(t, err)
		assert.Len(t, raw, 32)
		sum := sha256.Sum256([]byte(plain))
		assert.Equal(t, hex.EncodeToString(sum[:]), hash)
		assert.Equal(t, hash, HashOpaqueToken(plain))
		assert.True(t, WellFormedOpaqueToken(plain))
		assert.False(t, seen[plain], "tokens repeat")
		seen[plain] = true
	}
}

func TestRefreshTokenHelpers(t *testing.T) {
	plain, hash := NewRefreshToken()
	assert.Len(t, plain, OpaqueTokenLen)
	assert.Equal(t, hash, HashRefreshToken(plain))
	assert.Equal(t, HashOpaqueToken(plain), HashRefreshToken(plain))
	assert.NotEqual(t, hash, HashRefreshToken(plain+"x"))
	// A known value, so the stored form cannot change silently.
	assert.Equal(t, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", HashRefreshToken(""))
}

func TestWellFormedOpaqueToken(t *testing.T) {
	plain, _ := NewOpaqueToken()
	for _, s := range []string{
		"", plain[:42], plain + "A", plain + "=",
		strings.Repeat("+", 43), strings.Repeat("/", 43), // standard alphabet, not URL
		plain[:42] + "B", // 43rd character with non-zero trailing bits: not canonical
		strings.Repeat("A", 42) + "\n",
	} {
		assert.False(t, WellFormedOpaqueToken(s), "%q", s)
	}
	assert.True(t, WellFormedOpaqueToken(strings.Repeat("A", 43)))
}
