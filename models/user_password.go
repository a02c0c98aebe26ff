package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"consult/internal/auth/password"
	"consult/internal/mailtext"
)

// PasswordChange is what the owner of an account sends to change its password.
type PasswordChange struct {
	Current string
	New     string
}

// ChangePassword is the command that replaces u's password. Like a sign-in, the attempt takes a
// slot under the account's throttle before the current password is checked, and a right one gives
// it back. The new password is checked against the policy and the account's own details and
// hashed; then one transaction stores it, ends every session of the account but keepSession and
// mails the owner a warning. It replaces only the password it checked: of two changes sent at
// once with the same current password, the second finds it replaced and is refused as wrong.
func ChangePassword(ctx context.Context, db *gorm.DB, hasher *password.Hasher, u *User, keepSession string, in PasswordChange, baseURL string, now time.Time) error {
	if hasher.Busy() {
		return errHashingBusy
	}
	slots, err := Reserve(ctx, db, now, Throttle{Key: "password:account:" + u.ID, Limit: passwordFailuresPerAccount})
	if err != nil {
		return err
	}
	if err := hasher.Verify(ctx, u.PasswordHash, in.Current); errors.Is(err, password.ErrBusy) {
		// Turned away before the password was checked: the attempt does not count.
		return errors.Join(slots.Release(ctx, db), errHashingBusy)
	} else if err != nil {
		return Invalid("the current password is wrong", FieldError{Field: "current_password", Message: "is wrong"})
	}
	if err := slots.Release(ctx, db); err != nil {
		return err
	}
	if err := password.Check(in.New, u.Email, u.DisplayName, u.Organisation); err != nil {
		return Invalid("the new password is not accepted", FieldError{Field: "new_password", Message: err.Error()})
	}
	hash, err := hasher.Hash(ctx, in.New)
	if err != nil {
		return hashingFailure(err)
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		replaced, err := replacePassword(tx, u, hash, now)
		if err != nil {
			return err
		}
		if !replaced {
			return Invalid("the current password is wrong: it was changed meanwhile",
				FieldError{Field: "current_password", Message: "is no longer the current password"})
		}
		return endSessionsAfterPasswordChange(ctx, tx, u, keepSession, baseURL, now)
	})
}

// replacePassword stores hash as u's password in tx if u's password is still the one u holds
// (u.PasswordHash), and says whether it was.
func replacePassword(tx *gorm.DB, u *User, hash string, now time.Time) (bool, error) {
	res := tx.Model(&User{}).Where("id = ? AND password_hash = ?", u.ID, u.PasswordHash).
		Updates(map[string]any{"password_hash": hash, "updated_at": now})
	return res.RowsAffected == 1, res.Error
}

// setPassword stores a new password hash whatever the password was, marks the address verified
// (a mailed link proved it), ends every session of the account and mails the owner a warning,
// in tx.
func setPassword(ctx context.Context, tx *gorm.DB, u *User, hash, baseURL string, now time.Time) error {
	if err := tx.Model(u).Updates(map[string]any{"password_hash": hash, "updated_at": now, "email_verified": true}).Error; err != nil {
		return err
	}
	return endSessionsAfterPasswordChange(ctx, tx, u, "", baseURL, now)
}

// endSessionsAfterPasswordChange ends the account's sessions but keepSession (empty: all) and
// mails the owner a warning, in tx.
func endSessionsAfterPasswordChange(ctx context.Context, tx *gorm.DB, u *User, keepSession, baseURL string, now time.Time) error {
	if err := RevokeUserSessions(ctx, tx, u.ID, keepSession, now); err != nil {
		return err
	}
	text := mailtext.PasswordChanged(baseURL)
	return EnqueueMail(ctx, tx, u.Email, text.Subject, text.Body, now)
}

// RequestPasswordReset is the command that mails a one-time reset link when email belongs to an
// enabled account. Every address, known or not, is counted under the same silent per-address
// limit, so both paths write the same counters; past it nothing more is mailed. It returns no sign
// of what it found.
func RequestPasswordReset(ctx context.Context, db *gorm.DB, email, baseURL string, now time.Time) error {
	mayMail, err := mayMail(ctx, db, now, Throttle{Key: "reset:address:" + KeyDigest(NormalizeEmail(email)), Limit: resetMailsPerAddress})
	if err != nil || !mayMail {
		return err // without an error, enough links are on their way
	}
	user, err := FindUserByEmail(ctx, db, email)
	if errors.Is(err, ErrNotFound) || (err == nil && user.Disabled) {
		return nil
	} else if err != nil {
		return err
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return mailOneTimeLink(ctx, tx, user, PurposePasswordReset, baseURL, now)
	})
}

// ConfirmPasswordReset is the command that spends a reset token and sets a new password. Both
// fields are checked before the token is spent, and every fault is named; then, in one
// transaction, it spends the token, checks the password against the account's own details,
// stores it (the mailed link proves the address), ends every session and mails a warning.
func ConfirmPasswordReset(ctx context.Context, db *gorm.DB, hasher *password.Hasher, token, newPassword, baseURL string, now time.Time) error {
	errs := CheckOneTimeTokenShape(token)
	if err := password.Check(newPassword); err != nil {
		errs = append(errs, FieldError{Field: "password", Message: err.Error()})
	}
	if len(errs) > 0 {
		return Invalid("the new password is not accepted", errs...)
	}
	hash, err := hasher.Hash(ctx, newPassword)
	if err != nil {
		return hashingFailure(err) // before the token is spent: it still works
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		u, err := ConsumeOneTimeToken(ctx, tx, token, PurposePasswordReset, now)
		if err != nil {
			return err
		}
		if err := password.Check(newPassword, u.Email, u.DisplayName, u.Organisation); err != nil {
			return Invalid("the new password is not accepted", FieldError{Field: "password", Message: err.Error()})
		}
		return setPassword(ctx, tx, u, hash, baseURL, now)
	})
}
