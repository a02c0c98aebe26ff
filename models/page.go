package models

import (
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// Page is a cursor page request: Cursor is the id of the last item of the previous page.
type Page struct {
	Cursor string
	Limit  int
}

func (p Page) apply(tx *gorm.DB, idColumn string, descending bool) (*gorm.DB, error) {
	order, cmp := idColumn+" ASC", " > ?"
	if descending {
		order, cmp = idColumn+" DESC", " < ?"
	}
	tx = tx.Order(order).Limit(p.Limit + 1)
	if p.Cursor != "" {
		id, err := decodeIDCursor(p.Cursor)
		if err != nil {
			return nil, err
		}
		tx = tx.Where(idColumn+cmp, id)
	}
	return tx, nil
}

// decodeIDCursor reads a cursor of a list ordered by id: the id of the previous page's last item,
// in lower case as ids are stored, so that a cursor written in capitals pages alike on both databases.
func decodeIDCursor(cursor string) (string, error) {
	if !ValidID(cursor) {
		return "", errBadCursor()
	}
	return strings.ToLower(cursor), nil
}

// decodeSeqCursor reads a cursor of a list ordered by sequence number (the audit trail): the
// positive number of the previous page's last item.
func decodeSeqCursor(cursor string) (int64, error) {
	seq, err := strconv.ParseInt(cursor, 10, 64)
	if err != nil || seq < 1 {
		return 0, errBadCursor()
	}
	return seq, nil
}

func errBadCursor() *Error {
	return Invalid("the query has invalid parameters", FieldError{Field: "cursor", Message: "is not a cursor from a previous page"})
}

// nextCursor trims a page fetched with one extra row and returns the cursor of the next page.
func nextCursor[T any](items []T, limit int, id func(T) string) ([]T, *string) {
	if len(items) <= limit {
		return items, nil
	}
	items = items[:limit]
	last := id(items[len(items)-1])
	return items, &last
}
