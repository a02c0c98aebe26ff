package models

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"gorm.io/gorm"

	"consult/internal/auth/token"
)

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

// Lifetimes of a sign-in.
const (
	RefreshTTL = 14 * 24 * time.Hour // a refresh token unused this long expires
	SessionTTL = 30 * 24 * time.Hour // a session ends this long after sign-in, however active
)

func issueRefresh(tx *gorm.DB, s *Session, now time.Time) (string, error) {
	plain, hash := token.NewRefreshToken()
	expires := now.Add(RefreshTTL)
	if expires.After(s.ExpiresAt) {
		expires = s.ExpiresAt
	}
	return plain, tx.Create(&RefreshToken{ID: NewID(), SessionID: s.ID, TokenHash: hash, ExpiresAt: expires, CreatedAt: now}).Error
}

// ErrRefreshReused says a spent refresh token came back: the session has been revoked.
var ErrRefreshReused = &Error{Code: CodeUnauthenticated, Message: "this refresh token was already used; the session has been ended for safety"}

var errRefreshInvalid = &Error{Code: CodeUnauthenticated, Message: "the refresh token is not valid"}

// RotateRefresh spends a refresh token and returns its session, user and successor. Presenting a
// spent token revokes the whole session (the family), because one of the two holders is a thief.
func RotateRefresh(ctx context.Context, db *gorm.DB, plain string, now time.Time) (*Session, *User, string, error) {
	if !token.WellFormedOpaqueToken(plain) {
		return nil, nil, "", errRefreshInvalid
	}
	var rt RefreshToken
	err := db.WithContext(ctx).Where("token_hash = ?", token.HashRefreshToken(plain)).Take(&rt).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil, "", errRefreshInvalid
	} else if err != nil {
		return nil, nil, "", err
	}
	var s Session
	var u User
	var next string
	reused := false
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&RefreshToken{}).Where("id = ? AND used_at IS NULL", rt.ID).Update("used_at", now)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			reused = true
			return nil
		}
		if err := tx.Where("id = ?", rt.SessionID).Take(&s).Error; err != nil {
			return err
		}
		if err := tx.Where("id = ?", s.UserID).Take(&u).Error; err != nil {
			return err
		}
		if s.RevokedAt != nil || !now.Before(s.ExpiresAt) || !now.Before(rt.ExpiresAt) || u.Disabled {
			return errRefreshInvalid
		}
		if err := tx.Model(&s).Update("last_seen_at", now).Error; err != nil {
			return err
		}
		var err error
		next, err = issueRefresh(tx, &s, now)
		return err
	})
	if reused {
		if err := RevokeSession(ctx, db, rt.SessionID, now); err != nil {
			return nil, nil, "", err
		}
		return nil, nil, "", ErrRefreshReused
	}
	if err != nil {
		return nil, nil, "", err
	}
	return &s, &u, next, nil
}

// SessionOfRefresh names the session a refresh token belongs to, without spending the token, so
// that a request can be checked against its session first.
func SessionOfRefresh(ctx context.Context, db *gorm.DB, plain string) (string, error) {
	if !token.WellFormedOpaqueToken(plain) {
		return "", errRefreshInvalid
	}
	var rt RefreshToken
	err := db.WithContext(ctx).Where("token_hash = ?", token.HashRefreshToken(plain)).Take(&rt).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return "", errRefreshInvalid
	}
	return rt.SessionID, err
}

// RevokeSession ends a session; its access tokens stop working at once.
func RevokeSession(ctx context.Context, db *gorm.DB, sessionID string, now time.Time) error {
	return db.WithContext(ctx).Model(&Session{}).Where("id = ? AND revoked_at IS NULL", sessionID).Update("revoked_at", now).Error
}

// RevokeUserSessions ends every session of a user except keep (empty: all of them).
func RevokeUserSessions(ctx context.Context, db *gorm.DB, userID, keep string, now time.Time) error {
	q := db.WithContext(ctx).Model(&Session{}).Where("user_id = ? AND revoked_at IS NULL", userID)
	if keep != "" {
		q = q.Where("id <> ?", keep)
	}
	return q.Update("revoked_at", now).Error
}

// ActiveUser returns the user of a live session: the session exists, belongs to the user, is
// neither revoked nor expired, and the account is not disabled. Any failure is unauthenticated.
// Every signed-in request asks, so the usual case is one query, the user joined to the session,
// scanned column by column: through GORM's model scan it cost as much processor time as the
// round trip itself.
func ActiveUser(ctx context.Context, db *gorm.DB, sessionID, userID string, now time.Time) (*User, error) {
	sessionEnded := &Error{Code: CodeUnauthenticated, Message: "the session has ended; sign in again"}
	notActive := &Error{Code: CodeUnauthenticated, Message: "the account is not active"}
	var u User
	var revokedAt sql.NullTime
	var expiresAt time.Time
	err := db.WithContext(ctx).Raw(activeUserQuery, sessionID, userID).Row().Scan(&u.ID, &u.Email, &u.EmailVerified, &u.PasswordHash,
		&u.DisplayName, &u.Organisation, &u.StakeholderType, &u.Country, &u.TransparencyRegisterID, &u.Language, &u.Role,
		&u.Disabled, &u.CreatedAt, &u.UpdatedAt, &revokedAt, &expiresAt)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		// No session of this user, or no user: which one decides the message.
		var n int64
		if err := db.WithContext(ctx).Model(&Session{}).Where("id = ? AND user_id = ?", sessionID, userID).Count(&n).Error; err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, sessionEnded
		}
		return nil, notActive
	case err != nil:
		return nil, err
	case revokedAt.Valid || !now.Before(expiresAt):
		return nil, sessionEnded
	case u.Disabled:
		return nil, notActive
	}
	return &u, nil
}

// activeUserQuery reads every column of User, in its field order, and the session's end.
const activeUserQuery = `SELECT u.id, u.email, u.email_verified, u.password_hash, u.display_name, u.organisation, u.stakeholder_type,
u.country, u.transparency_register_id, u.language, u.role, u.disabled, u.created_at, u.updated_at, s.revoked_at, s.expires_at
FROM users u JOIN sessions s ON s.user_id = u.id WHERE s.id = ? AND u.id = ?`

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
