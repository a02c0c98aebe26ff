package models

import "time"

// Session is one sign-in: a family of refresh tokens. Revoking it ends the sign-in everywhere at
// once, including its unexpired access tokens, which name it.
type Session struct {
	ID         string `gorm:"primaryKey"`
	UserID     string `gorm:"not null;index:sessions_user_idx"`
	CreatedAt  time.Time
	LastSeenAt time.Time `gorm:"not null"`
	ExpiresAt  time.Time `gorm:"not null"`
	RevokedAt  *time.Time
	UserAgent  string `gorm:"not null"`
}

// RefreshToken is one link of a session's rotation chain, stored only as a hash. A used token
// presented again means it was stolen: the whole session is revoked.
type RefreshToken struct {
	ID        string    `gorm:"primaryKey"`
	SessionID string    `gorm:"not null;index:refresh_tokens_session_idx"`
	TokenHash string    `gorm:"not null;uniqueIndex:refresh_tokens_hash_key"`
	ExpiresAt time.Time `gorm:"not null"`
	UsedAt    *time.Time
	CreatedAt time.Time
}

// Purpose of a one-time token.
const (
	PurposeVerifyEmail   = "verify_email"
	PurposePasswordReset = "password_reset"
)

// OneTimeToken is a mailed, single-use, expiring token, stored only as a hash.
type OneTimeToken struct {
	ID        string    `gorm:"primaryKey"`
	UserID    string    `gorm:"not null;index:one_time_tokens_user_idx"`
	Purpose   string    `gorm:"not null"`
	TokenHash string    `gorm:"not null;uniqueIndex:one_time_tokens_hash_key"`
	ExpiresAt time.Time `gorm:"not null"`
	UsedAt    *time.Time
	CreatedAt time.Time
}

// RateCounter counts events under a key in a fixed time window (failed logins per account or
// per client address). Kept in the database so that every server process sees the same count.
type RateCounter struct {
	Key         string    `gorm:"primaryKey"`
	WindowStart time.Time `gorm:"primaryKey"`
	Count       int       `gorm:"not null"`
}
