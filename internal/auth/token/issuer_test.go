package token

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewIssuerValidatesConfig(t *testing.T) {
	good := Config{Secret: testSecret, Issuer: "consult", Audience: "consult-api"}
	iss, err := NewIssuer(good)
	require.NoError(t, err)
	assert.Equal(t, 15*time.Minute, iss.AccessTTL(), "default TTL")

	bad := map[string]func(c *Config){
		"nil secret":         func(c *Config) { c.Secret = nil },
		"31-byte secret":     func(c *Config) { c.Secret = testSecret[:31] },
		"no issuer":          func(c *Config) { c.Issuer = "" },
		"no audience":        func(c *Config) { c.Audience = "" },
		"negative TTL":       func(c *Config) { c.AccessTTL = -time.Minute },
		"TTL under 1m":       func(c *Config) { c.AccessTTL = 30 * time.Second },
		"TTL over the max":   func(c *Config) { c.AccessTTL = MaxAccessTTL + time.Second },
		"TTL of a whole day": func(c *Config) { c.AccessTTL = 24 * time.Hour },
	}
	for name, mutate := range bad {
		c := good
		mutate(&c)
		_, err := NewIssuer(c)
		assert.Error(t, err, name)
	}

	c := good
	c.Secret = testSecret[:32]
	c.AccessTTL = 5 * time.Minute
	iss, err = NewIssuer(c)
	require.NoError(t, err, "32 bytes is enough")
	assert.Equal(t, 5*time.Minute, iss.AccessTTL())
}

func TestIssuerCopiesSecret(t *testing.T) {
	secret := append([]byte(nil), testSecret...)
	clock := &fakeClock{now: t0}
	iss, err := NewIssuer(Config{Secret: secret, Issuer: "consult", Audience: "consult-api", Clock: clock.Now})
	require.NoError(t, err)
	tok, _, err := iss.IssueAccess("user-1", "staff", "family-1")
	require.NoError(t, err)
	for i := range secret {
		secret[i] = 0 // the caller wipes or reuses its buffer
	}
	_, err = iss.ParseAccess(tok)
	assert.NoError(t, err)
}

func TestIssuerUsesRealClockByDefault(t *testing.T) {
	iss, err := NewIssuer(Config{Secret: testSecret, Issuer: "consult", Audience: "consult-api"})
	require.NoError(t, err)
	tok, exp, err := iss.IssueAccess("user-1", "staff", "family-1")
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now().Add(DefaultAccessTTL), exp, time.Minute)
	_, err = iss.ParseAccess(tok)
	assert.NoError(t, err)
}
