package models

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
)

// maxTrackingDraws bounds how often a tracking number is drawn for one comment: a number taken
// already is rare (40 random bits), five in a row mean something else is wrong.
const maxTrackingDraws = 5

// newSubmission is a comment to store with what goes with it: its receipt mail (built by receipt
// once the tracking number is known) and the Idempotency-Key that names it (nil: none).
type newSubmission struct {
	con     *Consultation
	comment *Comment
	receipt func(*Comment) *MailMessage
	key     *IdempotencyKey
	mail    *MailMessage // its receipt, for the tracking number drawn last: the stored one after storeComment
}

// storeComment stores s's comment with a random tracking number, its receipt and its key: all of
// them or nothing. errKeyTaken says that another request stored the key first. On PostgreSQL the
// submissions that arrive together are stored together (commentBatcher); within a transaction
// (the demo loader's) it stores in that transaction.
func storeComment(ctx context.Context, db *gorm.DB, s *newSubmission) error {
	if _, inTransaction := db.Statement.ConnPool.(gorm.TxCommitter); db.Name() == "postgres" && !inTransaction {
		return batcherOf(db).store(ctx, db, s)
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := insertWithTrackingNumbers(tx, s.con, []*Comment{s.comment}); err != nil {
			return err
		}
		s.mail = s.receipt(s.comment)
		if err := tx.Create(s.mail).Error; err != nil {
			return err
		}
		if s.key == nil {
			return nil
		}
		if err := tx.Create(s.key).Error; errors.Is(err, gorm.ErrDuplicatedKey) {
			return errKeyTaken
		} else {
			return err
		}
	})
}

// drawTrackingNumber gives s's comment a new random tracking number, and builds its receipt.
func (s *newSubmission) drawTrackingNumber(db *gorm.DB) error {
	prefix, err := trackingPrefix(db, s.con)
	if err != nil {
		return err
	}
	s.comment.TrackingNumber = prefix + "-" + randomTrackingCode()
	s.mail = s.receipt(s.comment)
	return nil
}

// storeSubmissions stores submissions, whose tracking numbers are drawn, on PostgreSQL in one
// round trip that the server runs as one transaction: one INSERT of their comments, one of their
// mails, one of their keys.
func storeSubmissions(ctx context.Context, db *gorm.DB, subs []*newSubmission) error {
	comments, mails := make([]any, 0, len(subs)), make([]any, 0, len(subs))
	var keys []any
	for _, s := range subs {
		comments, mails = append(comments, s.comment), append(mails, s.mail)
		if s.key != nil {
			keys = append(keys, s.key)
		}
	}
	return insertAtOnce(ctx, db, insertGroup{commentInsert, comments}, insertGroup{mailInsert, mails}, insertGroup{idempotencyKeyInsert, keys})
}

// storeSubmission stores one submission on PostgreSQL, drawing its tracking number again while
// the one drawn is taken.
func storeSubmission(ctx context.Context, db *gorm.DB, s *newSubmission) error {
	for range maxTrackingDraws {
		if err := s.drawTrackingNumber(db.WithContext(ctx)); err != nil {
			return err
		}
		err := storeSubmissions(ctx, db, []*newSubmission{s})
		var pg *pgconn.PgError
		if !errors.As(err, &pg) || pg.Code != uniqueViolation {
			return err
		}
		switch pg.ConstraintName {
		case "comments_tracking_key":
			continue
		case "idempotency_keys_pkey":
			return errKeyTaken
		}
		return err
	}
	return fmt.Errorf("no free tracking number after %d draws", maxTrackingDraws)
}

// The INSERTs of a submission's rows.
var (
	commentInsert        = newRowInsert(&Comment{})
	mailInsert           = newRowInsert(&MailMessage{})
	idempotencyKeyInsert = newRowInsert(&IdempotencyKey{})
)

// uniqueViolation is PostgreSQL's SQLSTATE for a duplicate in a unique index.
const uniqueViolation = "23505"
