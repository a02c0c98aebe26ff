package models

import (
	"context"
	"time"

	"gorm.io/gorm"

	"consult/internal/auth/token"
)

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

// Lifetimes of mailed tokens.
const (
	VerifyEmailTTL   = 48 * time.Hour
	PasswordResetTTL = time.Hour
)

// IssueOneTimeToken stores a new single-use token for purpose and returns it in the clear, to be
// mailed. Earlier unused tokens of the same purpose stop working.
func IssueOneTimeToken(ctx context.Context, tx *gorm.DB, userID, purpose string, ttl time.Duration, now time.Time) (string, error) {
	tx = tx.WithContext(ctx)
	if err := tx.Model(&OneTimeToken{}).Where("user_id = ? AND purpose = ? AND used_at IS NULL", userID, purpose).Update("used_at", now).Error; err != nil {
		return "", err
	}
	plain, hash := token.NewOpaqueToken()
	t := &OneTimeToken{ID: NewID(), UserID: userID, Purpose: purpose, TokenHash: hash, ExpiresAt: now.Add(ttl), CreatedAt: now}
	return plain, tx.Create(t).Error
}

var errOneTimeInvalid = Invalid("the link is not valid", FieldError{Field: "token", Message: "is unknown, expired or already used; ask for a new mail"})

// ConsumeOneTimeToken spends a token of purpose and returns its user. Spending is one atomic
// update, so a token works once even under concurrent use.
func ConsumeOneTimeToken(ctx context.Context, tx *gorm.DB, plain, purpose string, now time.Time) (*User, error) {
	if !token.WellFormedOpaqueToken(plain) {
		return nil, errOneTimeInvalid
	}
	tx = tx.WithContext(ctx)
	var t OneTimeToken
	if err := tx.Where("token_hash = ? AND purpose = ?", token.HashOpaqueToken(plain), purpose).Limit(1).Find(&t).Error; err != nil {
		return nil, err
	}
	if t.ID == "" {
		return nil, errOneTimeInvalid
	}
	res := tx.Model(&OneTimeToken{}).Where("id = ? AND used_at IS NULL AND expires_at > ?", t.ID, now).Update("used_at", now)
	if res.Error != nil {
		return nil, res.Error
	}
	if res.RowsAffected == 0 {
		return nil, errOneTimeInvalid
	}
	var u User
	if err := tx.Where("id = ?", t.UserID).Take(&u).Error; err != nil {
		return nil, err
	}
	return &u, nil
}

// CheckOneTimeTokenShape names a token that cannot be one from a mailed link, with the answer an
// unknown token gets, so that it can be listed beside the request's other faults.
func CheckOneTimeTokenShape(plain string) []FieldError {
	if token.WellFormedOpaqueToken(plain) {
		return nil
	}
	return append([]FieldError(nil), errOneTimeInvalid.Fields...)
}
