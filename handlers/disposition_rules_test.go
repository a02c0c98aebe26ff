package handlers_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/models"
)

func (f *commentFixture) putDisposition(id string, body map[string]any) *httptestRecorder {
	return f.env.As(f.mod, apitest.Request{Method: http.MethodPut, Path: "/api/v1/comments/" + id + "/disposition", Body: body})
}

func TestOnlyAPublishedCommentTakesADisposition(t *testing.T) {
	f := newCommentFixture(t)
	answer := map[string]any{"resolution": "noted", "response": "Thanks."}
	tests := []struct {
		name   string
		status string
		pub    string
		want   int
	}{
		{"submitted", models.CommentSubmitted, models.PublicNamed, http.StatusConflict},
		{"rejected", models.CommentRejected, models.PublicNamed, http.StatusConflict},
		{"withdrawn", models.CommentWithdrawn, models.PublicNamed, http.StatusConflict},
		{"published", models.CommentPublished, models.PublicNamed, http.StatusOK},
		{"confidential, accepted into the record", models.CommentPublished, models.Confidential, http.StatusOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id := f.create(t, f.stake, map[string]any{"publication": tc.pub})
			require.NoError(t, f.env.DB.Model(&models.Comment{}).Where("id = ?", id).Update("status", tc.status).Error)
			rec := f.putDisposition(id, answer)
			require.Equal(t, tc.want, rec.Code, rec.Body.String())
			var n int64
			f.env.DB.Model(&models.Disposition{}).Where("comment_id = ?", id).Count(&n)
			if tc.want == http.StatusConflict {
				assert.Equal(t, models.CodeNotModerated, problemCode(t, rec.Body.Bytes()))
				assert.Zero(t, n, "nothing recorded")
			} else {
				assert.Equal(t, int64(1), n)
			}
		})
	}
}

func TestClusterDispositionAnswersOnlyPublishedMembers(t *testing.T) {
	f := newCommentFixture(t)
	var ids []string
	for _, name := range []string{"Anna", "Bruno", "Chiara"} {
		ids = append(ids, f.create(t, f.stake, map[string]any{"body": letter + ", " + name + "."}))
	}
	require.Equal(t, http.StatusOK, f.moderate(f.mod, ids[1], map[string]any{"action": "publish", "version": 1}).Code)
	rec := f.env.As(f.mod, apitest.Request{Method: http.MethodPut, Path: "/api/v1/consultations/" + f.consultationID + "/clusters/" + ids[0] + "/disposition",
		Body: map[string]any{"resolution": "not_accepted", "response": "The deadline stays."}})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var out struct {
		Results []struct {
			ID     string      `json:"id"`
			Status int         `json:"status"`
			Code   models.Code `json:"code"`
		} `json:"results"`
	}
	apitest.DecodeJSON(t, rec, &out)
	got := map[string]int{}
	for _, r := range out.Results {
		got[r.ID] = r.Status
		if r.Status == http.StatusConflict {
			assert.Equal(t, models.CodeNotModerated, r.Code)
		}
	}
	assert.Equal(t, map[string]int{ids[0]: http.StatusConflict, ids[1]: http.StatusOK, ids[2]: http.StatusConflict}, got)
	var n int64
	f.env.DB.Model(&models.Disposition{}).Where("comment_id IN ?", ids).Count(&n)
	assert.Equal(t, int64(1), n, "only the published member is answered")
}
