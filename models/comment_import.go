package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// ImportsPerAccount bounds the template imports of one account: each reads a file of up to
// 10 MB, so it is counted before the file is read, whatever comes of it.
var ImportsPerAccount = Limit{Max: 20, Window: time.Hour}

// CountImport counts an import by author before its file is read and refuses it with
// rate_limited, and the time until the window ends, once ImportsPerAccount is reached.
func CountImport(ctx context.Context, db *gorm.DB, author *User, now time.Time) error {
	_, err := Reserve(ctx, db, now, Throttle{Key: "import:account:" + author.ID, Limit: ImportsPerAccount})
	return err
}

// ImportComments stores a batch of comments (a filled template) all or nothing, in one
// transaction: the window must be open, every row valid, and each row gets its tracking number.
// The caller has checked clause numbers; rows that fail here are reported by index.
func ImportComments(ctx context.Context, tx *gorm.DB, author *User, consultationID string, rows []NewComment, now time.Time) ([]*Comment, map[int][]FieldError, error) {
	tx = tx.WithContext(ctx)
	con, err := FindConsultation(ctx, tx, consultationID)
	if err != nil {
		return nil, nil, err
	}
	if err := con.RequireOpen(now); err != nil {
		return nil, nil, err
	}
	bad := map[int][]FieldError{}
	for i := range rows {
		if errs := rows[i].validate(); len(errs) > 0 {
			bad[i] = errs
		}
	}
	if len(bad) > 0 {
		return nil, bad, nil
	}
	out := make([]*Comment, len(rows))
	for i := range rows {
		out[i] = newCommentRow(con, author, rows[i], now)
	}
	if err := insertWithTrackingNumbers(tx, con, out); err != nil {
		return nil, nil, err
	}
	return out, nil, nil
}

// ClauseNumbers maps the clause numbers of a consultation's document to their ids.
func ClauseNumbers(ctx context.Context, db *gorm.DB, documentID string) (map[string]string, []string, error) {
	var rows []Clause
	if err := db.WithContext(ctx).Select("id, number").Where("document_id = ?", documentID).Order("position").Find(&rows).Error; err != nil {
		return nil, nil, err
	}
	ids := make(map[string]string, len(rows))
	order := make([]string, 0, len(rows))
	for _, r := range rows {
		ids[r.Number] = r.ID
		order = append(order, r.Number)
	}
	return ids, order, nil
}
