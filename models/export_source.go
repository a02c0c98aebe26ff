package models

import (
	"context"

	"gorm.io/gorm"
)

// ExportSource is what a printed report names besides the comments: the consultation's scheme,
// the draft it consults on, and the draft's clauses in reading order (numbers and headings only).
type ExportSource struct {
	Scheme   Scheme
	Document Document
	Clauses  []Clause
}

// FindExportSource reads the scheme, draft and clause headings of a consultation for a report.
func FindExportSource(ctx context.Context, db *gorm.DB, con *Consultation) (*ExportSource, error) {
	tx := db.WithContext(ctx)
	var src ExportSource
	if err := tx.Select("id, scheme_id, title, version_label, created_at").First(&src.Document, "id = ?", con.DocumentID).Error; err != nil {
		return nil, err
	}
	if err := tx.First(&src.Scheme, "id = ?", src.Document.SchemeID).Error; err != nil {
		return nil, err
	}
	err := tx.Select("id, number, heading, level, position").Where("document_id = ?", src.Document.ID).
		Order("position").Find(&src.Clauses).Error
	if err != nil {
		return nil, err
	}
	return &src, nil
}
