package models_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/models"
)

// TestModerateSelection: the selection and the decision are checked whole before any comment is
// decided; then each comment is decided with its own version check.
func TestModerateSelection(t *testing.T) {
	t.Parallel()
	f := newClusterFixture(t, 3, models.CommentSubmitted)
	publish := models.Moderation{Action: models.ActionPublish}
	tests := []struct {
		name  string
		items []models.Selected
		m     models.Moderation
		field string // the field named when the whole is refused
	}{
		{"nothing selected", nil, publish, "items"},
		{"too many", make([]models.Selected, models.MaxSelection+1), publish, "items"},
		{"not an id", []models.Selected{{"x", 2}}, publish, "items[0].id"},
		{"no version", []models.Selected{{f.members[0], 0}}, publish, "items[0].version"},
		{"a rejection without a reason", []models.Selected{{f.members[0], 2}}, models.Moderation{Action: models.ActionReject}, "reason_code"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := models.ModerateSelection(context.Background(), f.db, f.mod, tc.items, tc.m, f.now, "https://consult.example.eu")
			assert.Nil(t, out)
			var e *models.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, models.CodeValidationFailed, e.Code)
			assert.Contains(t, fmt.Sprint(e.Fields), tc.field)
		})
	}

	out, err := models.ModerateSelection(context.Background(), f.db, f.mod,
		[]models.Selected{{f.members[0], 2}, {f.members[1], 1}, {models.NewID(), 1}}, publish, f.now, "https://consult.example.eu")
	require.NoError(t, err)
	require.Len(t, out, 3)
	assert.Equal(t, []models.Code{"", models.CodeConflict, models.CodeNotFound}, []models.Code{codeOf(out[0].Err), codeOf(out[1].Err), codeOf(out[2].Err)})
	var statuses []string
	require.NoError(t, f.db.Model(&models.Comment{}).Where("id IN ?", f.members).Order("created_at").Pluck("status", &statuses).Error)
	assert.Equal(t, []string{models.CommentPublished, models.CommentSubmitted, models.CommentSubmitted}, statuses)
}

// TestModerateClusterDecidesOnlyWaitingMembers: members already decided are left alone and not
// listed.
func TestModerateClusterDecidesOnlyWaitingMembers(t *testing.T) {
	t.Parallel()
	f := newClusterFixture(t, 3, models.CommentSubmitted)
	require.NoError(t, f.db.Model(&models.Comment{}).Where("id = ?", f.members[1]).Update("status", models.CommentRejected).Error)
	reject := models.Moderation{Action: models.ActionReject, ReasonCode: "duplicate"}
	out, err := models.ModerateCluster(context.Background(), f.db, f.clusters, f.mod, f.consultationID, f.members[0], reject, f.now, "https://consult.example.eu")
	require.NoError(t, err)
	require.Len(t, out, 2)
	for i, o := range out {
		assert.Equal(t, []string{f.members[0], f.members[2]}[i], o.ID)
		assert.NoError(t, o.Err)
	}
	_, err = models.ModerateCluster(context.Background(), f.db, f.clusters, f.mod, f.consultationID, f.members[1], reject, f.now, "https://consult.example.eu")
	assert.Equal(t, models.CodeNotFound, codeOf(err), "a member is not a cluster")
	_, err = models.ModerateCluster(context.Background(), f.db, f.clusters, f.mod, f.consultationID, f.members[0], models.Moderation{Action: "ban"}, f.now, "")
	assert.Equal(t, models.CodeValidationFailed, codeOf(err))
}
