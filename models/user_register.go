package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"consult/internal/auth/password"
	"consult/internal/mailtext"
)

// Registration is what a person registering sends: the address, the password in the clear and
// the profile.
type Registration struct {
	Email    string
	Password string
	Profile  Profile
}

// Register is the command that creates a stakeholder account. It checks every field and the
// password policy, hashes the password, counts the mail under the address's silent limit, then in
// one transaction stores the account and queues the verification mail. An address that has an
// account gets the same answer (a user of the same shape, with a fresh id) and its owner an
// "already registered" mail, so registration reveals no accounts.
func Register(ctx context.Context, db *gorm.DB, hasher *password.Hasher, in Registration, baseURL string, now time.Time) (*User, error) {
	errs := in.Profile.Validate()
	email := NormalizeEmail(in.Email)
	if email == "" {
		errs = append([]FieldError{{Field: "email", Message: "is not a valid email address"}}, errs...)
	}
	if err := password.Check(in.Password, in.Email, in.Profile.DisplayName, in.Profile.Organisation); err != nil {
		errs = append(errs, FieldError{Field: "password", Message: err.Error()})
	}
	if len(errs) > 0 {
		return nil, Invalid("the registration has invalid fields", errs...)
	}
	hash, err := hasher.Hash(ctx, in.Password)
	if err != nil {
		return nil, hashingFailure(err) // before any mail is counted
	}
	// Whoever registers has not shown they control the address: its mails are limited per address.
	mayMail, err := mayMailUnproven(ctx, db, now, email)
	if err != nil {
		return nil, err
	}
	var user *User
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var u *User
		// A savepoint: on PostgreSQL a failed insert would otherwise abort the whole transaction.
		err := tx.Transaction(func(inner *gorm.DB) error {
			var err error
			u, err = CreateUser(ctx, inner, NewAccount{Email: email, PasswordHash: hash, Role: RoleStakeholder, Profile: in.Profile}, now)
			return err
		})
		if errors.Is(err, ErrConflict) {
			if !mayMail {
				return nil
			}
			text := mailtext.AlreadyRegistered(baseURL)
			return EnqueueMail(ctx, tx, email, text.Subject, text.Body, now)
		}
		if err != nil {
			return err
		}
		user = u
		if !mayMail {
			return nil // the owner can ask for the link again once the window has passed
		}
		return mailOneTimeLink(ctx, tx, u, PurposeVerifyEmail, baseURL, now)
	})
	if err != nil {
		return nil, err
	}
	if user == nil {
		// The same shape as a new account; nothing about the existing one leaks.
		p := in.Profile
		user = &User{ID: NewID(), Email: email, DisplayName: p.DisplayName, Organisation: p.Organisation,
			StakeholderType: p.StakeholderType, Country: p.Country, TransparencyRegisterID: p.TransparencyRegisterID,
			Language: p.Language, Role: RoleStakeholder, CreatedAt: now}
	}
	return user, nil
}

// VerifyEmail is the command that spends a verification token and marks its account's address
// verified, in one transaction.
func VerifyEmail(ctx context.Context, db *gorm.DB, token string, now time.Time) error {
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		u, err := ConsumeOneTimeToken(ctx, tx, token, PurposeVerifyEmail, now)
		if err != nil {
			return err
		}
		return tx.Model(u).Updates(map[string]any{"email_verified": true, "updated_at": now}).Error
	})
}

// ResendVerification is the command that mails a new verification link when email belongs to an
// unverified, enabled account and the address's silent mail limit allows it. Whatever the address,
// it does the same work and returns no sign of what it found.
func ResendVerification(ctx context.Context, db *gorm.DB, email, baseURL string, now time.Time) error {
	email = NormalizeEmail(email)
	if email == "" {
		return nil
	}
	mayMail, err := mayMailUnproven(ctx, db, now, email)
	if err != nil || !mayMail {
		return err
	}
	user, err := FindUserByEmail(ctx, db, email)
	if errors.Is(err, ErrNotFound) || (err == nil && (user.EmailVerified || user.Disabled)) {
		return nil
	} else if err != nil {
		return err
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return mailOneTimeLink(ctx, tx, user, PurposeVerifyEmail, baseURL, now)
	})
}
