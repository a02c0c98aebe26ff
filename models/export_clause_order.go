package models

import (
	"context"

	"gorm.io/gorm"
)

// EachExportRowInClauseOrder streams a consultation's comments in the layout's scope as a printed
// report reads them: the general comments first, then clause by clause in the draft's reading
// order, each clause's in order of arrival, and last any comment on a clause of another document.
// Like EachExportRow it holds one batch in memory, whatever the number of comments.
func EachExportRowInClauseOrder(ctx context.Context, db *gorm.DB, con *Consultation, l ExportLayout, fn func(*ExportRow) error) error {
	var clauseIDs []string
	err := db.WithContext(ctx).Model(&Clause{}).Where("document_id = ?", con.DocumentID).Order("position").Pluck("id", &clauseIDs).Error
	if err != nil {
		return err
	}
	parts := []func(*gorm.DB) *gorm.DB{func(tx *gorm.DB) *gorm.DB { return tx.Where("comments.clause_id IS NULL") }}
	for _, id := range clauseIDs {
		parts = append(parts, func(tx *gorm.DB) *gorm.DB { return tx.Where("comments.clause_id = ?", id) })
	}
	parts = append(parts, func(tx *gorm.DB) *gorm.DB {
		return tx.Where("comments.clause_id NOT IN (?)", db.Model(&Clause{}).Select("id").Where("document_id = ?", con.DocumentID))
	})
	for _, narrow := range parts {
		if err := eachExportRow(ctx, db, con.ID, l, narrow, fn); err != nil {
			return err
		}
	}
	return nil
}
