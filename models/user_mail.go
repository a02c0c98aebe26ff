package models

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"gorm.io/gorm"

	"consult/internal/mailtext"
)

// Limits of the mails an account command sends to an address on the word of whoever asked.
var (
	// unprovenMailsPerAddress bounds the mails sent to an address on the word of someone who has
	// not shown they control it (verification mails, their resends, "already registered" notices).
	unprovenMailsPerAddress = Limit{Max: 3, Window: time.Hour}
	// resetMailsPerAddress bounds the password-reset links mailed to one address.
	resetMailsPerAddress = Limit{Max: 3, Window: time.Hour}
)

// KeyDigest keeps personal data (an email address) out of the rate-limit table's keys.
func KeyDigest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}

// mayMail counts a mail under t and reports whether it may go. The limit is silent: a refused mail
// changes nothing in the answer, so it reveals nothing. The count is its own statement, outside
// any transaction, so it holds even when the command fails afterwards.
func mayMail(ctx context.Context, db *gorm.DB, now time.Time, t Throttle) (bool, error) {
	_, err := Reserve(ctx, db, now, t)
	if errors.Is(err, &Error{Code: CodeRateLimited}) {
		return false, nil
	}
	return err == nil, err
}

// mayMailUnproven is mayMail under the per-address limit of unproven addresses.
func mayMailUnproven(ctx context.Context, db *gorm.DB, now time.Time, address string) (bool, error) {
	return mayMail(ctx, db, now, Throttle{Key: "mail:address:" + KeyDigest(address), Limit: unprovenMailsPerAddress})
}

// oneTimeLinks are the mailed single-use links of each purpose: how long one lives and the mail
// that carries it. Neither mail holds text the person asking chose.
var oneTimeLinks = map[string]struct {
	ttl  time.Duration
	text func(baseURL, token string) mailtext.Text
}{
	PurposeVerifyEmail:   {VerifyEmailTTL, mailtext.VerifyEmail},
	PurposePasswordReset: {PasswordResetTTL, mailtext.PasswordReset},
}

// mailOneTimeLink issues a token of purpose for u (earlier ones of that purpose stop working) and
// queues the mail carrying its link, in tx.
func mailOneTimeLink(ctx context.Context, tx *gorm.DB, u *User, purpose, baseURL string, now time.Time) error {
	link := oneTimeLinks[purpose]
	plain, err := IssueOneTimeToken(ctx, tx, u.ID, purpose, link.ttl, now)
	if err != nil {
		return err
	}
	text := link.text(baseURL, plain)
	return EnqueueMail(ctx, tx, u.Email, text.Subject, text.Body, now)
}
