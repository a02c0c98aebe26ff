package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"consult/internal/export"
)

// ExportHead describes an export of a consultation in a layout: the consultation, its draft, the
// scope, the generation time and, when summarised, the counts of the exported comments (grouped
// in the database, so it holds no rows whatever the size, but one pass over them per dimension:
// formats that do not show them skip it).
func ExportHead(ctx context.Context, db *gorm.DB, con *Consultation, l ExportLayout, summarised bool, now time.Time) (export.Head, error) {
	db = db.WithContext(ctx)
	var doc Document
	if err := db.Select("id", "scheme_id", "title", "version_label").First(&doc, "id = ?", con.DocumentID).Error; err != nil {
		return export.Head{}, err
	}
	var scheme Scheme
	if err := db.Select("id", "title").First(&scheme, "id = ?", doc.SchemeID).Error; err != nil {
		return export.Head{}, err
	}
	h := export.Head{
		Consultation: export.Consultation{ID: con.ID, Title: con.Title, Scheme: scheme.Title, OpensAt: con.OpensAt.UTC(), ClosesAt: con.ClosesAt.UTC(),
			ReportPublishedAt: con.ReportPublishedAt},
		Document:    export.Document{ID: doc.ID, Title: doc.Title, Version: doc.VersionLabel},
		Scope:       string(l.Scope),
		GeneratedAt: now.UTC(),
	}
	if !summarised {
		return h, nil
	}
	dims := []struct{ title, expr string }{
		{"By stakeholder type", "COALESCE(u.stakeholder_type, 'erased_account')"},
		{"By country", "COALESCE(u.country, 'erased_account')"},
		{"By clause", "COALESCE(cl.number, 'general')"},
		{"By comment type", "comments.comment_type"},
	}
	if l.Scope == ScopeAll {
		dims = append(dims, struct{ title, expr string }{"By status", "comments.status"})
	}
	if l.Dispositions {
		dims = append(dims, struct{ title, expr string }{"By resolution", "COALESCE(d.resolution, 'none_yet')"})
	}
	for _, dim := range dims {
		var rows []struct {
			Value string
			N     int
		}
		err := scopedComments(db, con.ID, l.Scope).Select(dim.expr + " AS value, COUNT(*) AS n").
			Joins("LEFT JOIN users u ON u.id = comments.author_id").
			Joins("LEFT JOIN clauses cl ON cl.id = comments.clause_id").
			Joins("LEFT JOIN dispositions d ON d.comment_id = comments.id").
			Group(dim.expr).Scan(&rows).Error
		if err != nil {
			return export.Head{}, err
		}
		t := export.Tally{Title: dim.title, Counts: map[string]int{}}
		total := 0
		for _, r := range rows {
			t.Counts[r.Value] += r.N
			total += r.N
		}
		h.Summary.Total = total
		h.Summary.Tallies = append(h.Summary.Tallies, t)
	}
	return h, nil
}

// CheckExportSize refuses, before its answer starts, an export of more comments than a file of its
// format holds (the rows of an XLSX sheet); h must be summarised for such a format.
func CheckExportSize(format string, f export.Format, h export.Head) error {
	if f.MaxRows == 0 || h.Summary.Total <= f.MaxRows {
		return nil
	}
	return Invalid(fmt.Sprintf("%d comments are more than %s holds (%d): csv and json hold any number", h.Summary.Total, format, f.MaxRows),
		FieldError{Field: "format", Message: fmt.Sprintf("holds at most %d comments", f.MaxRows)})
}
