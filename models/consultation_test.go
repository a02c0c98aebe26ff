package models_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/models"
)

func TestCreateConsultationChecksTheWindowAndTheDocument(t *testing.T) {
	t.Parallel()
	w := newContentWorld(t)
	opens, closes := w.now.Add(time.Hour+500*time.Millisecond), w.now.Add(48*time.Hour)
	tests := []struct {
		name   string
		in     models.NewConsultation
		fields []string
	}{
		{"a window", models.NewConsultation{DocumentID: w.doc.ID, Title: " Window ", OpensAt: opens, ClosesAt: closes}, nil},
		{"no title", models.NewConsultation{DocumentID: w.doc.ID, OpensAt: opens, ClosesAt: closes}, []string{"title"}},
		{"no times", models.NewConsultation{DocumentID: w.doc.ID, Title: "T"}, []string{"opens_at", "closes_at"}},
		{"closing before opening", models.NewConsultation{DocumentID: w.doc.ID, Title: "T", OpensAt: closes, ClosesAt: opens}, []string{"closes_at"}},
		{"closing when opening", models.NewConsultation{DocumentID: w.doc.ID, Title: "T", OpensAt: opens, ClosesAt: opens}, []string{"closes_at"}},
		{"not a document id", models.NewConsultation{DocumentID: "x", Title: "T", OpensAt: opens, ClosesAt: closes}, []string{"document_id"}},
		{"an unknown document", models.NewConsultation{DocumentID: models.NewID(), Title: "T", OpensAt: opens, ClosesAt: closes}, []string{"document_id"}},
		{"a NUL in the description", models.NewConsultation{DocumentID: w.doc.ID, Title: "T", Description: "a\x00b", OpensAt: opens, ClosesAt: closes}, []string{"description"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			con, err := models.CreateConsultation(w.ctx, w.db, w.mod, tc.in, w.now)
			if tc.fields != nil {
				assert.Equal(t, models.CodeValidationFailed, contentCode(err), "%v", err)
				assert.Equal(t, tc.fields, contentFields(err))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "Window", con.Title)
			assert.Equal(t, 1, con.Version)
			assert.Equal(t, w.mod.ID, *con.CreatedBy)
			assert.True(t, con.OpensAt.Equal(opens.Truncate(time.Second)), "kept to the second")
			stored, err := models.FindConsultation(w.ctx, w.db, con.ID)
			require.NoError(t, err)
			assert.Equal(t, con.Title, stored.Title)
		})
	}
	events := w.events(t, "consultation.created")
	require.Len(t, events, 1, "only the window that was created is recorded")
	var after map[string]any
	require.NoError(t, json.Unmarshal([]byte(events[0].AfterJSON), &after))
	assert.Equal(t, "upcoming", after["status"])
	assert.Equal(t, w.doc.ID, after["document_id"])
	assert.Equal(t, float64(1), after["version"])
}

// TestConsultationWindowRules walks the window's state machine: an upcoming window may be
// rescheduled, an open one only extended, a closed one not changed; every change names the
// current version.
func TestConsultationWindowRules(t *testing.T) {
	t.Parallel()
	w := newContentWorld(t)
	at := func(d time.Duration) *time.Time { v := w.now.Add(d); return &v }
	title := "Renamed"
	day := 24 * time.Hour
	tests := []struct {
		name          string
		opens, closes time.Duration
		change        models.ConsultationChange
		code          models.Code
		fields        []string
	}{
		{"upcoming: rescheduled", day, 2 * day, models.ConsultationChange{OpensAt: at(3 * day), ClosesAt: at(4 * day), Version: 1}, "", nil},
		{"upcoming: closes before it opens", day, 2 * day, models.ConsultationChange{ClosesAt: at(day / 2), Version: 1}, models.CodeValidationFailed, []string{"closes_at"}},
		{"open: extended", -day, day, models.ConsultationChange{ClosesAt: at(2 * day), Version: 1}, "", nil},
		{"open: renamed", -day, day, models.ConsultationChange{Title: &title, Version: 1}, "", nil},
		{"open: shortened", -day, 2 * day, models.ConsultationChange{ClosesAt: at(day), Version: 1}, models.CodeValidationFailed, []string{"closes_at"}},
		{"open: moved", -day, day, models.ConsultationChange{OpensAt: at(-2 * day), Version: 1}, models.CodeValidationFailed, []string{"opens_at"}},
		{"open: closed in the past", -2 * day, day, models.ConsultationChange{ClosesAt: at(-day), Version: 1}, models.CodeValidationFailed, []string{"closes_at", "closes_at"}},
		{"closed: extended", -2 * day, -day, models.ConsultationChange{ClosesAt: at(day), Version: 1}, models.CodeConflict, nil},
		{"a stale version", -day, day, models.ConsultationChange{ClosesAt: at(2 * day), Version: 2}, models.CodeConflict, nil},
		{"no version", -day, day, models.ConsultationChange{ClosesAt: at(2 * day)}, models.CodeValidationFailed, []string{"version"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			con := w.consultation(t, tc.opens, tc.closes)
			got, err := models.UpdateConsultation(w.ctx, w.db, w.mod, con.ID, tc.change, w.now)
			var events int64
			require.NoError(t, w.db.Model(&models.AuditEvent{}).Where("action = ? AND subject_id = ?", "consultation.changed", con.ID).Count(&events).Error)
			stored, findErr := models.FindConsultation(w.ctx, w.db, con.ID)
			require.NoError(t, findErr)
			if tc.code != "" {
				assert.Equal(t, tc.code, contentCode(err), "%v", err)
				assert.Equal(t, tc.fields, contentFields(err))
				assert.Equal(t, 1, stored.Version, "a refused change changes nothing")
				assert.Zero(t, events)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, 2, got.Version)
			assert.Equal(t, 2, stored.Version)
			assert.True(t, stored.ClosesAt.Equal(got.ClosesAt))
			assert.Equal(t, int64(1), events)
		})
	}
}
