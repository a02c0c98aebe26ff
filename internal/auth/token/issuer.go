package token

import (
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
	lru "github.com/hashicorp/golang-lru/v2"
)

// Limits and defaults of access tokens.
const (
	// DefaultAccessTTL is the lifetime of an access token when Config.AccessTTL is zero.
	DefaultAccessTTL = 15 * time.Minute
	// MaxAccessTTL is the longest lifetime accepted: access tokens must stay short-lived.
	MaxAccessTTL = time.Hour
	// MinSecretLen is the shortest HS256 secret accepted, in bytes (256 bits, the size of the
	// HMAC-SHA256 output; RFC 7518 section 3.2).
	MinSecretLen = 32
	// Leeway is the clock skew tolerated on exp, nbf and iat between the processes of a
	// deployment. It is small, so an expired token stops working at most 30 s late.
	Leeway = 30 * time.Second
	// MaxTokenLen bounds the length of a token ParseAccess will look at. Tokens issued here are
	// about 400 bytes; anything longer than 4 KiB is refused before any decoding, so a hostile
	// input costs neither time nor memory.
	MaxTokenLen = 4096
)

// Config configures an Issuer.
type Config struct {
	Secret    []byte           // HS256 key, at least MinSecretLen random bytes
	Issuer    string           // the iss claim written and required
	Audience  string           // the aud claim written and required
	AccessTTL time.Duration    // lifetime of access tokens; 0 means DefaultAccessTTL
	Clock     func() time.Time // current time; nil means time.Now
}

// Issuer issues and checks access tokens. It is safe for concurrent use.
type Issuer struct {
	secret   []byte
	issuer   string
	audience string
	ttl      time.Duration
	clock    func() time.Time
	parser   *jwt.Parser
	// validator runs the parser's claim checks (iss, aud, exp, nbf, iat) on claims already decoded.
	validator *jwt.Validator
	// verified holds the claims of tokens whose signature and claims were checked (verifiedTokens).
	verified *lru.Cache[string, accessClaims]
}

// verifiedTokens is how many verified access tokens an Issuer remembers. A client sends the same
// access token with every request for its lifetime; decoding its JSON and checking its HMAC again
// each time was 7% of consult's processor time in a surge of comment submissions. A remembered token still
// has its times checked (exp, nbf, iat) on every use; its signature and contents cannot change.
const verifiedTokens = 8192

// NewIssuer validates cfg and returns an Issuer. It keeps its own copy of the secret.
func NewIssuer(cfg Config) (*Issuer, error) {
	if len(cfg.Secret) < MinSecretLen {
		return nil, fmt.Errorf("token: secret must be at least %d bytes, got %d", MinSecretLen, len(cfg.Secret))
	}
	if cfg.Issuer == "" || cfg.Audience == "" {
		return nil, errors.New("token: issuer and audience must be set")
	}
	ttl := cfg.AccessTTL
	if ttl == 0 {
		ttl = DefaultAccessTTL
	}
	if ttl < time.Minute || ttl > MaxAccessTTL {
		return nil, fmt.Errorf("token: access TTL must be between 1m and %s, got %s", MaxAccessTTL, ttl)
	}
	clock := cfg.Clock
	if clock == nil {
		clock = time.Now
	}
	i := &Issuer{
		secret:   append([]byte(nil), cfg.Secret...),
		issuer:   cfg.Issuer,
		audience: cfg.Audience,
		ttl:      ttl,
		clock:    clock,
	}
	options := []jwt.ParserOption{
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(cfg.Issuer),
		jwt.WithAudience(cfg.Audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(Leeway),
		jwt.WithTimeFunc(clock),
		jwt.WithStrictDecoding(),
	}
	i.parser, i.validator = jwt.NewParser(options...), jwt.NewValidator(options...)
	var err error
	if i.verified, err = lru.New[string, accessClaims](verifiedTokens); err != nil {
		return nil, err
	}
	return i, nil
}

// AccessTTL returns the lifetime of the access tokens this Issuer makes (for "expires_in").
func (i *Issuer) AccessTTL() time.Duration { return i.ttl }
