package models

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"

	"consult/internal/auth/password"
)

// passwordFailuresPerAccount bounds the wrong passwords tried against one account, at sign-in
// and, separately, when changing the password.
var passwordFailuresPerAccount = Limit{Max: 5, Window: 15 * time.Minute}

var errBadCredentials = &Error{Code: CodeUnauthenticated, Message: "the email or the password is wrong"}

// Credentials are what a person signing in sends.
type Credentials struct {
	Email    string
	Password string
}

// SignIn is the command that checks credentials and opens a session, returning the account, the
// session and its first refresh token. Every attempt first takes a slot under the account's
// throttle and then under client (the caller's throttle of the client address); a right password
// gives them back, so only failures (and attempts still running) count. Unknown and known
// addresses, and disabled accounts, get the same answer after the same work; when the hashing
// budget is spent, every one of them is turned away alike (overloaded) and the attempt gives its
// slots back. A hash made with older parameters is replaced under the current ones, in the
// session's transaction.
func SignIn(ctx context.Context, db *gorm.DB, hasher *password.Hasher, in Credentials, userAgent string, client Throttle, now time.Time) (*User, *Session, string, error) {
	if hasher.Busy() {
		return nil, nil, "", errHashingBusy // before any work: a flood turned away costs no writes
	}
	slots, err := Reserve(ctx, db, now,
		Throttle{Key: "login:account:" + KeyDigest(strings.ToLower(strings.TrimSpace(in.Email))), Limit: passwordFailuresPerAccount}, client)
	if err != nil {
		return nil, nil, "", err
	}
	user, err := FindUserByEmail(ctx, db, in.Email)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, nil, "", err
	}
	var verr error
	if user == nil {
		verr = hasher.DummyVerify(ctx, in.Password)
	} else {
		verr = hasher.Verify(ctx, user.PasswordHash, in.Password)
	}
	if verr != nil || user.Disabled {
		if errors.Is(verr, context.Canceled) {
			return nil, nil, "", verr
		}
		if errors.Is(verr, password.ErrBusy) {
			// Turned away before any password was checked: the attempt does not count.
			if err := slots.Release(ctx, db); err != nil {
				return nil, nil, "", err
			}
			return nil, nil, "", errHashingBusy
		}
		return nil, nil, "", errBadCredentials
	}
	if err := slots.Release(ctx, db); err != nil {
		return nil, nil, "", err
	}
	rehash := ""
	if hasher.NeedsRehash(user.PasswordHash) {
		if hash, err := hasher.Hash(ctx, in.Password); err == nil {
			rehash = hash // a failure keeps the old hash, which still works
		}
	}
	s := &Session{ID: NewID(), UserID: user.ID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(SessionTTL), UserAgent: truncate(userAgent, 300)}
	var refresh string
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if rehash != "" {
			if err := tx.Model(user).Updates(map[string]any{"password_hash": rehash, "updated_at": now}).Error; err != nil {
				return err
			}
		}
		if err := tx.Create(s).Error; err != nil {
			return err
		}
		var err error
		refresh, err = issueRefresh(tx, s, now)
		return err
	})
	if err != nil {
		return nil, nil, "", err
	}
	return user, s, refresh, nil
}
