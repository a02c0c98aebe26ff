package models

import (
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
		if !ValidID(p.Cursor) {
			return nil, Invalid("the query has invalid parameters", FieldError{Field: "cursor", Message: "is not a cursor from a previous page"})
		}
		tx = tx.Where(idColumn+cmp, p.Cursor)
	}
	return tx, nil
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
