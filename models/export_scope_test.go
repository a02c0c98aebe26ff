package models_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/models"
)

// TestStartExportChecksWhoMayExportWhichScope: every comment is for moderators, and each full
// export is recorded; the published comments are for anyone once the window has closed.
func TestStartExportChecksWhoMayExportWhichScope(t *testing.T) {
	t.Parallel()
	w := newContentWorld(t)
	open := w.consultation(t, -time.Hour, time.Hour)
	closed := w.consultation(t, -2*time.Hour, -time.Hour)
	tests := []struct {
		name         string
		viewer       *models.User
		con          *models.Consultation
		scope        models.Scope
		code         models.Code
		dispositions bool
	}{
		{"anyone, public, closed", nil, closed, models.ScopePublic, "", false},
		{"anyone, public, open", nil, open, models.ScopePublic, models.CodeNotYetPublic, false},
		{"a stakeholder, public, open", w.stake, open, models.ScopePublic, models.CodeNotYetPublic, false},
		{"a moderator, public, open", w.mod, open, models.ScopePublic, "", false},
		{"anyone, all", nil, closed, models.ScopeAll, models.CodeUnauthenticated, false},
		{"a stakeholder, all", w.stake, closed, models.ScopeAll, models.CodeForbidden, false},
		{"a moderator, all, open", w.mod, open, models.ScopeAll, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := len(w.events(t, "consultation.exported"))
			layout, err := models.StartExport(w.ctx, w.db, tc.viewer, tc.con, tc.scope, "csv", w.now)
			after := w.events(t, "consultation.exported")
			if tc.code != "" {
				assert.Equal(t, tc.code, contentCode(err), "%v", err)
				assert.Len(t, after, before)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.scope, layout.Scope)
			assert.Equal(t, tc.dispositions, layout.Dispositions)
			if tc.scope != models.ScopeAll {
				assert.Len(t, after, before, "a public export is not recorded")
				return
			}
			require.Len(t, after, before+1)
			assert.Equal(t, tc.con.ID, after[len(after)-1].SubjectID)
			assert.JSONEq(t, `{"scope":"all","format":"csv"}`, after[len(after)-1].AfterJSON)
		})
	}
}

func TestSummaryScope(t *testing.T) {
	t.Parallel()
	mod := &models.User{Role: models.RoleModerator}
	stake := &models.User{Role: models.RoleStakeholder}
	tests := []struct {
		name      string
		viewer    *models.User
		requested string
		want      models.Scope
		invalid   bool
	}{
		{"a moderator by default", mod, "", models.ScopeAll, false},
		{"a moderator asking for public", mod, "public", models.ScopePublic, false},
		{"a stakeholder by default", stake, "", models.ScopePublic, false},
		{"a stakeholder asking for all", stake, "all", models.ScopePublic, false},
		{"anyone asking for all", nil, "all", models.ScopePublic, false},
		{"a mistyped scope", mod, "everything", "", true},
		{"a mistyped scope from anyone", nil, "Public", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := models.SummaryScope(tc.viewer, tc.requested)
			if tc.invalid {
				assert.Equal(t, models.CodeValidationFailed, contentCode(err))
				assert.Equal(t, []string{"scope"}, contentFields(err))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}
