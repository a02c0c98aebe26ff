package models

import (
	"context"
	"errors"
	"time"

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

// ListSchemes returns one page of schemes, oldest first.
func ListSchemes(ctx context.Context, db *gorm.DB, p Page) ([]Scheme, *string, error) {
	tx, err := p.apply(db.WithContext(ctx), "id", false)
	if err != nil {
		return nil, nil, err
	}
	var out []Scheme
	if err := tx.Find(&out).Error; err != nil {
		return nil, nil, err
	}
	items, next := nextCursor(out, p.Limit, func(s Scheme) string { return s.ID })
	return items, next, nil
}

// visibleDocuments limits a query on documents to those the caller may read: staff see all, the
// public those on which a consultation has opened.
func visibleDocuments(tx *gorm.DB, staff bool, now time.Time) *gorm.DB {
	if staff {
		return tx
	}
	return tx.Where("EXISTS (SELECT 1 FROM consultations c WHERE c.document_id = documents.id AND c.opens_at <= ?)", now)
}

// SchemeDocuments lists the documents of a scheme that the caller may read, oldest first.
func SchemeDocuments(ctx context.Context, db *gorm.DB, schemeID string, staff bool, now time.Time) ([]Document, error) {
	var docs []Document
	err := visibleDocuments(db.WithContext(ctx).Model(&Document{}), staff, now).
		Where("scheme_id = ?", schemeID).Order("created_at, id").Omit("source_markdown").Find(&docs).Error
	return docs, err
}

// SchemeConsultations lists the consultations on a scheme's documents, by opening time.
func SchemeConsultations(ctx context.Context, db *gorm.DB, schemeID string) ([]Consultation, error) {
	var cs []Consultation
	err := db.WithContext(ctx).Where("document_id IN (SELECT id FROM documents WHERE scheme_id = ?)", schemeID).
		Order("opens_at, id").Find(&cs).Error
	return cs, err
}

// FindDocument returns a document the caller may read, with its clauses in reading order. A
// document the caller may not read is not found, so its existence does not leak.
func FindDocument(ctx context.Context, db *gorm.DB, id string, staff bool, now time.Time) (*Document, error) {
	if !ValidID(id) {
		return nil, NotFound("document")
	}
	var d Document
	err := visibleDocuments(db.WithContext(ctx).Model(&Document{}), staff, now).Where("id = ?", id).Take(&d).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("document")
	} else if err != nil {
		return nil, err
	}
	if err := db.WithContext(ctx).Where("document_id = ?", id).Order("position").Find(&d.Clauses).Error; err != nil {
		return nil, err
	}
	return &d, nil
}
