package handlers_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/models"
)

// clusterOutcome is one item of a cluster action's answer.
type clusterOutcome struct {
	Status int         `json:"status"`
	Code   models.Code `json:"code"`
	Detail string      `json:"detail"`
}

// putClusterDisposition answers the cluster named after first and returns each member's outcome.
func (f *commentFixture) putClusterDisposition(t *testing.T, first string, body map[string]any) map[string]clusterOutcome {
	t.Helper()
	rec := f.env.As(f.mod, apitest.Request{Method: http.MethodPut, Path: "/api/v1/consultations/" + f.consultationID + "/clusters/" + first + "/disposition", Body: body})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var out struct {
		Results []struct {
			ID string `json:"id"`
			clusterOutcome
		} `json:"results"`
	}
	apitest.DecodeJSON(t, rec, &out)
	got := map[string]clusterOutcome{}
	for _, r := range out.Results {
		got[r.ID] = r.clusterOutcome
	}
	return got
}

// TestClusterDispositionHonoursTheVersionsSeen: a moderator who loaded a cluster's dispositions
// and answers it again never overwrites a disposition changed since, nor answers a member they did
// not see; without the versions seen, no disposition is overwritten at all.
func TestClusterDispositionHonoursTheVersionsSeen(t *testing.T) {
	f := newCommentFixture(t)
	var ids []string
	for _, name := range []string{"Anna", "Bruno", "Chiara", "Dimitris"} {
		id := f.create(t, f.stake, map[string]any{"body": letter + ", " + name + "."})
		require.Equal(t, http.StatusOK, f.moderate(f.mod, id, map[string]any{"action": "publish", "version": 1}).Code)
		ids = append(ids, id)
	}
	first := map[string]any{"resolution": "noted", "response": "Thank you."}
	for _, id := range ids[:3] {
		require.Equal(t, http.StatusOK, f.putDisposition(id, first).Code)
	}
	// Another moderator changes Bruno's answer after the first loaded the cluster.
	require.Equal(t, http.StatusOK, f.putDisposition(ids[1], map[string]any{"resolution": "accepted", "response": "Changed.", "version": 1}).Code)

	got := f.putClusterDisposition(t, ids[0], map[string]any{"resolution": "not_accepted", "response": "The deadline stays.",
		"items": []map[string]any{{"id": ids[0], "version": 1}, {"id": ids[1], "version": 1}, {"id": ids[2], "version": 1}, {"id": models.NewID()}}})
	require.Len(t, got, 5, "each member and the listed stranger: %v", got)
	assert.Equal(t, http.StatusOK, got[ids[0]].Status)
	assert.Equal(t, http.StatusConflict, got[ids[1]].Status, "stale")
	assert.Equal(t, http.StatusOK, got[ids[2]].Status)
	assert.Equal(t, http.StatusConflict, got[ids[3]].Status, "not seen")
	assert.Contains(t, got[ids[3]].Detail, "joined the cluster after you loaded it")
	for _, id := range ids {
		delete(got, id)
	}
	for _, o := range got {
		assert.Equal(t, http.StatusConflict, o.Status, "a listed comment that is not a member")
	}

	var ds []models.Disposition
	require.NoError(t, f.env.DB.Where("comment_id IN ?", ids).Order("comment_id").Find(&ds).Error)
	byID := map[string]models.Disposition{}
	for _, d := range ds {
		byID[d.CommentID] = d
	}
	assert.Equal(t, "Changed.", byID[ids[1]].Response, "the newer answer stays")
	assert.Equal(t, "The deadline stays.", byID[ids[0]].Response)
	assert.NotContains(t, byID, ids[3], "the member not seen is not answered")

	// Without the versions seen, members already answered are conflicts; the one without an
	// answer gets its first.
	got = f.putClusterDisposition(t, ids[0], map[string]any{"resolution": "noted", "response": "Overwrite?"})
	for i, id := range ids {
		want := http.StatusConflict
		if i == 3 {
			want = http.StatusOK
		}
		assert.Equal(t, want, got[id].Status, "member %d", i)
	}
	var n int64
	require.NoError(t, f.env.DB.Model(&models.Disposition{}).Where("response = ?", "Overwrite?").Count(&n).Error)
	assert.Equal(t, int64(1), n)
}

func TestClusterDispositionItemsAreChecked(t *testing.T) {
	f := newCommentFixture(t)
	first := f.create(t, f.stake, map[string]any{"body": letter + ", Anna."})
	f.create(t, f.stake, map[string]any{"body": letter + ", Bruno."})
	id := models.NewID()
	tests := []struct {
		name  string
		items any
		field string
	}{
		{"empty", []any{}, "items"},
		{"an id twice", []any{map[string]any{"id": id}, map[string]any{"id": id}}, "items[1].id"},
		{"not an id", []any{map[string]any{"id": "x"}}, "items[0].id"},
		{"version zero", []any{map[string]any{"id": id, "version": 0}}, "items[0].version"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := f.env.As(f.mod, apitest.Request{Method: http.MethodPut, Path: "/api/v1/consultations/" + f.consultationID + "/clusters/" + first + "/disposition",
				Body: map[string]any{"resolution": "noted", "response": "Thanks.", "items": tc.items}})
			require.Equal(t, http.StatusUnprocessableEntity, rec.Code, rec.Body.String())
			assert.Contains(t, fieldsOfProblem(t, rec.Body.Bytes()), tc.field)
		})
	}
}
