package token

import (
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

// ErrInvalidToken is the one error kind ParseAccess returns. It is wrapped with the reason,
// which is for logs only: clients get 401 unauthenticated whatever the reason.
var ErrInvalidToken = errors.New("token: invalid access token")

// Reasons ParseAccess gives without allocating, for hostile input that is refused early.
var (
	errTooLong      = fmt.Errorf("%w: longer than %d bytes", ErrInvalidToken, MaxTokenLen)
	errNotJWS       = fmt.Errorf("%w: not three dot-separated segments", ErrInvalidToken)
	errWrongType    = fmt.Errorf("%w: typ is not %q", ErrInvalidToken, accessType)
	errMissingClaim = fmt.Errorf("%w: sub, jti, role, fam or iat missing", ErrInvalidToken)
	errLifetime     = fmt.Errorf("%w: exp - iat longer than the access TTL", ErrInvalidToken)
)

// accessType is the typ claim of access tokens; other tokens signed with the same key (should
// there ever be any) are refused by ParseAccess.
const accessType = "access"

// Claims are what an access token says about its bearer.
type Claims struct {
	UserID    string    // sub
	Role      string    // role
	Family    string    // fam: the refresh-token family of the session
	ID        string    // jti, a UUIDv7
	IssuedAt  time.Time // iat
	ExpiresAt time.Time // exp
}

// accessClaims is the JSON form of an access token's claims.
type accessClaims struct {
	jwt.RegisteredClaims
	Type   string `json:"typ"`
	Role   string `json:"role"`
	Family string `json:"fam"`
}

// IssueAccess returns a signed access token for the user subject with the given role, tied to
// the refresh-token family of the session, and the time it expires.
func (i *Issuer) IssueAccess(subject, role, family string) (string, time.Time, error) {
	if subject == "" || role == "" || family == "" {
		return "", time.Time{}, errors.New("token: subject, role and family must be set")
	}
	id, err := uuid.NewV7()
	if err != nil {
		return "", time.Time{}, fmt.Errorf("token: jti: %w", err)
	}
	now := i.clock().UTC().Truncate(time.Second) // JWT times are whole seconds
	exp := now.Add(i.ttl)
	claims := accessClaims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    i.issuer,
			Subject:   subject,
			Audience:  jwt.ClaimStrings{i.audience},
			ExpiresAt: jwt.NewNumericDate(exp),
			NotBefore: jwt.NewNumericDate(now),
			IssuedAt:  jwt.NewNumericDate(now),
			ID:        id.String(),
		},
		Type:   accessType,
		Role:   role,
		Family: family,
	}
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(i.secret)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("token: sign: %w", err)
	}
	return signed, exp, nil
}

// ParseAccess verifies an access token and returns its claims. It refuses, with an error
// wrapping ErrInvalidToken: tokens longer than MaxTokenLen (before any decoding), any algorithm
// but HS256 (so "none" and RS256/HS256 key confusion), a wrong signature, a wrong or missing iss
// or aud, a missing or past exp, a future nbf or iat (all with Leeway), a typ other than
// "access", a missing sub, jti, role, fam or iat, and a lifetime (exp - iat) longer than the
// issuer's access TTL. A token verified before is remembered (verifiedTokens): only its times
// (exp, nbf, iat) are checked again.
func (i *Issuer) ParseAccess(token string) (*Claims, error) {
	if len(token) > MaxTokenLen {
		return nil, errTooLong
	}
	if !compactJWS(token) {
		return nil, errNotJWS
	}
	c, known := i.verified.Get(token)
	if known {
		if err := i.validator.Validate(&c); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalidToken, err)
		}
		return c.claims(), nil
	}
	if _, err := i.parser.ParseWithClaims(token, &c, i.key); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidToken, err)
	}
	if c.Type != accessType {
		return nil, errWrongType
	}
	if c.Subject == "" || c.ID == "" || c.Role == "" || c.Family == "" || c.IssuedAt == nil {
		return nil, errMissingClaim
	}
	if c.ExpiresAt.Sub(c.IssuedAt.Time) > i.ttl {
		return nil, errLifetime
	}
	i.verified.Add(token, c)
	return c.claims(), nil
}

func (c *accessClaims) claims() *Claims {
	return &Claims{
		UserID:    c.Subject,
		Role:      c.Role,
		Family:    c.Family,
		ID:        c.ID,
		IssuedAt:  c.IssuedAt.UTC(),
		ExpiresAt: c.ExpiresAt.UTC(),
	}
}

// compactJWS reports whether s is three segments of the base64url alphabet separated by dots.
// Checking this first also keeps out what the base64 decoder would silently skip (CR, LF).
func compactJWS(s string) bool {
	dots := 0
	for _, c := range []byte(s) {
		if c == '.' {
			dots++
		} else if !base64URLChar(c) {
			return false
		}
	}
	return dots == 2
}

func base64URLChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

// key returns the HS256 secret, checking the method again even though the parser already
// restricts it: the key must never be handed out for any other algorithm.
func (i *Issuer) key(t *jwt.Token) (any, error) {
	if t.Method != jwt.SigningMethodHS256 {
		return nil, fmt.Errorf("unexpected signing method %v", t.Header["alg"])
	}
	return i.secret, nil
}
