package models_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/models"
)

// TestEachExportRowInClauseOrder: general comments first, then clause by clause in the draft's
// reading order, each clause's in order of arrival, then comments on another document's clause;
// the public scope leaves out what is not published.
func TestEachExportRowInClauseOrder(t *testing.T) {
	t.Parallel()
	w := newContentWorld(t)
	con := w.consultation(t, -2*time.Hour, -time.Hour)
	other, err := models.ImportDocument(w.ctx, w.db, w.mod, w.scheme, models.NewDocument{VersionLabel: "2.0", Markdown: []byte(contentDraft)}, w.now)
	require.NoError(t, err)
	clause := func(doc *models.Document, number string) *string {
		var id string
		require.NoError(t, w.db.Model(&models.Clause{}).Where("document_id = ? AND number = ?", doc.ID, number).Pluck("id", &id).Error)
		return &id
	}
	arrivals := []struct {
		clause *string
		status string
	}{
		{clause(w.doc, "2.1"), models.CommentPublished}, {nil, models.CommentPublished}, {clause(w.doc, "1"), models.CommentPublished},
		{clause(other, "1"), models.CommentPublished}, {clause(w.doc, "2.1"), models.CommentPublished}, {nil, models.CommentSubmitted},
		{clause(w.doc, "1"), models.CommentPublished},
	}
	for i, a := range arrivals {
		require.NoError(t, w.db.Create(&models.Comment{ID: models.NewID(), ConsultationID: con.ID, ClauseID: a.clause, AuthorID: &w.stake.ID,
			CommentType: "technical", Body: "comment", Publication: models.PublicAnonymous, Language: "en", Status: a.status,
			TrackingNumber: fmt.Sprintf("CIO-2027-%d", i), Version: 1, CreatedAt: w.now, UpdatedAt: w.now}).Error)
	}
	tests := []struct {
		scope models.Scope
		want  []string
	}{
		{models.ScopeAll, []string{"CIO-2027-1", "CIO-2027-5", "CIO-2027-2", "CIO-2027-6", "CIO-2027-0", "CIO-2027-4", "CIO-2027-3"}},
		{models.ScopePublic, []string{"CIO-2027-1", "CIO-2027-2", "CIO-2027-6", "CIO-2027-0", "CIO-2027-4", "CIO-2027-3"}},
	}
	for _, tc := range tests {
		t.Run(string(tc.scope), func(t *testing.T) {
			var got []string
			err := models.EachExportRowInClauseOrder(w.ctx, w.db, con, models.ExportLayout{Scope: tc.scope}, func(r *models.ExportRow) error {
				got = append(got, r.TrackingNumber)
				return nil
			})
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}
