package pdf

import (
	"context"
	"time"

	"gorm.io/gorm"

	"consult/models"
)

// FromDatabase measures the PDF report of an export read from the database: the consultation's
// scheme, draft and summary in the layout's scope, then its comments as
// models.EachExportRowInClauseOrder gives them (read again when the document is written). The
// HTTP export and the command line both call it.
func FromDatabase(ctx context.Context, db *gorm.DB, con *models.Consultation, layout models.ExportLayout, now time.Time) (*Document, error) {
	src, err := models.FindExportSource(ctx, db, con)
	if err != nil {
		return nil, err
	}
	summary, err := models.ConsultationSummary(ctx, db, con, layout.Scope)
	if err != nil {
		return nil, err
	}
	return Render(Report{Consultation: con, Source: src, Layout: layout, Summary: summary, GeneratedAt: now},
		func(fn func(*models.ExportRow) error) error {
			return models.EachExportRowInClauseOrder(ctx, db, con, layout, fn)
		})
}
