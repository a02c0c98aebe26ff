// Package token issues and checks the tokens of signed-in sessions.
//
// Access tokens are short-lived JWTs (HS256, 15 minutes by default) that carry the user id, the
// role and the refresh-token family of the session, so that a request can be refused at once
// when that family has been revoked (logout, disabled account, password reset). ParseAccess
// accepts only HS256 tokens of the expected issuer and audience with an expiry, "typ": "access"
// and every claim the platform relies on; every failure is an error wrapping ErrInvalidToken,
// which callers answer with 401 unauthenticated.
//
// Refresh tokens, e-mail verification tokens and password reset tokens are not JWTs: they are
// opaque random strings (NewOpaqueToken) of which only a SHA-256 digest is stored.
//
// The package has no database or HTTP dependency.
package token
