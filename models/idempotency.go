package models

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"
	"unicode"

	"gorm.io/gorm"
)

// IdempotencyKey remembers the comment created by a POST made with an Idempotency-Key header, so
// that a retry gets that comment instead of a second one.
type IdempotencyKey struct {
	UserID      string  `gorm:"primaryKey"`
	Key         string  `gorm:"primaryKey"`
	RequestHash string  `gorm:"not null"`
	CommentID   *string // stored with the key, in the transaction that created the comment
	CreatedAt   time.Time
}

// Idempotency is what a request says about its retries: its Idempotency-Key (empty: none) and the
// request as sent. A retry with the same key and the same request gets the first result and
// creates nothing; the same key with another request is refused.
type Idempotency struct {
	Key     string
	Request []byte
}

// errKeyTaken says that an earlier request holds the key: the command answers with its result.
var errKeyTaken = errors.New("idempotency key already used")

// validate accepts no key, or 1 to 255 visible ASCII characters.
func (i Idempotency) validate() error {
	ok := len(i.Key) <= 255
	for _, r := range i.Key {
		if r > unicode.MaxASCII || !unicode.IsPrint(r) {
			ok = false
		}
	}
	if !ok {
		return Invalid("the Idempotency-Key header is not usable", FieldError{Field: "Idempotency-Key", Message: "must be 1 to 255 visible ASCII characters"})
	}
	return nil
}

// hash fingerprints the request sent to target (the resource it acts on).
func (i Idempotency) hash(target string) string {
	sum := sha256.Sum256(append([]byte(target+"\n"), i.Request...))
	return hex.EncodeToString(sum[:])
}

// row is the key to store for user with the comment its request creates, nil when the request
// has no key. It is stored with the comment: a concurrent request with the same key waits at the
// key's unique index until the first one is stored, then gets errKeyTaken and stores nothing of
// its own: one comment per key, and no query before the work.
func (i Idempotency) row(userID, hash, commentID string, now time.Time) *IdempotencyKey {
	if i.Key == "" {
		return nil
	}
	return &IdempotencyKey{UserID: userID, Key: i.Key, RequestHash: hash, CommentID: &commentID, CreatedAt: now}
}

// replayedComment returns the comment that the first request with the key created, or
// idempotency_key_reused when that request was another one.
func (i Idempotency) replayedComment(ctx context.Context, db *gorm.DB, user *User, hash string) (*Comment, error) {
	var stored IdempotencyKey
	if err := db.WithContext(ctx).Where("user_id = ? AND key = ?", user.ID, i.Key).Take(&stored).Error; err != nil {
		return nil, err
	}
	if stored.RequestHash != hash {
		return nil, &Error{Code: CodeIdempotencyKeyReused, Message: "this Idempotency-Key was used with a different request; use a new key for a new comment"}
	}
	if stored.CommentID == nil {
		return nil, errors.New("idempotency key " + i.Key + " holds no comment")
	}
	return FindComment(ctx, db, *stored.CommentID, user)
}
