package handlers_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/models"
)

func (f *commentFixture) moderate(u *apitest.User, id string, body map[string]any) *httptestRecorder {
	return f.env.As(u, apitest.Request{Method: http.MethodPost, Path: "/api/v1/comments/" + id + "/moderation", Body: body})
}

func TestModerationStateMachine(t *testing.T) {
	f := newCommentFixture(t)
	tests := []struct {
		name   string
		from   string
		action map[string]any
		want   int
		status string
	}{
		{"publish a submitted comment", models.CommentSubmitted, map[string]any{"action": "publish"}, 200, models.CommentPublished},
		{"reject a submitted comment", models.CommentSubmitted, map[string]any{"action": "reject", "reason_code": "spam", "note": "Advertising."}, 200, models.CommentRejected},
		{"redact a submitted comment", models.CommentSubmitted, map[string]any{"action": "redact", "redacted_body": "Twelve hours is too short for [removed]."}, 200, models.CommentPublished},
		{"take down a published comment", models.CommentPublished, map[string]any{"action": "reject", "reason_code": "abusive"}, 200, models.CommentRejected},
		{"redact a published comment", models.CommentPublished, map[string]any{"action": "redact", "redacted_body": "Shorter."}, 200, models.CommentPublished},
		{"publish a published comment", models.CommentPublished, map[string]any{"action": "publish"}, 409, models.CommentPublished},
		{"publish a rejected comment", models.CommentRejected, map[string]any{"action": "publish"}, 409, models.CommentRejected},
		{"reject a rejected comment", models.CommentRejected, map[string]any{"action": "reject", "reason_code": "spam"}, 409, models.CommentRejected},
		{"publish a withdrawn comment", models.CommentWithdrawn, map[string]any{"action": "publish"}, 409, models.CommentWithdrawn},
		{"redact a withdrawn comment", models.CommentWithdrawn, map[string]any{"action": "redact", "redacted_body": "x"}, 409, models.CommentWithdrawn},
		{"reject without a reason", models.CommentSubmitted, map[string]any{"action": "reject"}, 422, models.CommentSubmitted},
		{"reject with an unknown reason", models.CommentSubmitted, map[string]any{"action": "reject", "reason_code": "boring"}, 422, models.CommentSubmitted},
		{"redact without a text", models.CommentSubmitted, map[string]any{"action": "redact"}, 422, models.CommentSubmitted},
		{"unknown action", models.CommentSubmitted, map[string]any{"action": "delete"}, 422, models.CommentSubmitted},
		{"no version", models.CommentSubmitted, map[string]any{"action": "publish", "version": nil}, 422, models.CommentSubmitted},
		{"stale version", models.CommentSubmitted, map[string]any{"action": "publish", "version": 7}, 409, models.CommentSubmitted},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id := f.create(t, f.stake, nil)
			require.NoError(t, f.env.DB.Model(&models.Comment{}).Where("id = ?", id).Update("status", tc.from).Error)
			if _, ok := tc.action["version"]; !ok {
				tc.action["version"] = 1
			} else if tc.action["version"] == nil {
				delete(tc.action, "version")
			}
			rec := f.moderate(f.mod, id, tc.action)
			assert.Equal(t, tc.want, rec.Code, rec.Body.String())
			var c models.Comment
			require.NoError(t, f.env.DB.Where("id = ?", id).Take(&c).Error)
			assert.Equal(t, tc.status, c.Status)
		})
	}
	assert.Equal(t, http.StatusForbidden, f.moderate(f.stake, f.create(t, f.stake, nil), map[string]any{"action": "publish", "version": 1}).Code, "stakeholders do not moderate")

	// The author's own transitions: withdraw only before moderation.
	for _, from := range []string{models.CommentPublished, models.CommentRejected, models.CommentWithdrawn} {
		id := f.create(t, f.stake, nil)
		require.NoError(t, f.env.DB.Model(&models.Comment{}).Where("id = ?", id).Update("status", from).Error)
		assert.Equal(t, http.StatusConflict, f.env.As(f.stake, apitest.Request{Method: http.MethodDelete, Path: "/api/v1/comments/" + id}).Code, "withdraw a %s comment", from)
	}
	id := f.create(t, f.stake, nil)
	assert.Equal(t, http.StatusNoContent, f.env.As(f.stake, apitest.Request{Method: http.MethodDelete, Path: "/api/v1/comments/" + id}).Code, "withdraw a submitted comment")
}

func TestRedactedTextIsPublicTheOriginalStaysWithStaffAndAuthor(t *testing.T) {
	f := newCommentFixture(t)
	id := f.create(t, f.stake, map[string]any{"body": "Call me on +32 470 12 34 56 about clause 3.4.1."})
	rec := f.moderate(f.mod, id, map[string]any{"action": "redact", "reason_code": "personal_data", "redacted_body": "Call me on [removed] about clause 3.4.1.", "version": 1})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())

	public := f.env.Get("/api/v1/comments/" + id).Body.String()
	assert.Contains(t, public, "[removed]")
	assert.NotContains(t, public, "470 12 34 56")
	list := f.env.Get("/api/v1/consultations/" + f.consultationID + "/comments").Body.String()
	assert.Contains(t, list, "[removed]")
	assert.NotContains(t, list, "470 12 34 56")
	assert.NotContains(t, f.env.Get("/api/v1/consultations/"+f.consultationID+"/comments?q=470").Body.String(), id, "not found by its removed words")
	for _, u := range []*apitest.User{f.mod, f.stake} {
		body := f.env.As(u, apitest.Request{Method: http.MethodGet, Path: "/api/v1/comments/" + id}).Body.String()
		assert.Contains(t, body, "470 12 34 56", "the original stays with %s", u.Email)
		assert.Contains(t, body, "[removed]")
	}
	m, _ := f.env.LastMailTo(t, "stake@example.eu")
	assert.Contains(t, m.BodyText, "published with some passages removed")
	var events []models.AuditEvent
	require.NoError(t, f.env.DB.Where("subject_id = ?", id).Find(&events).Error)
	require.Len(t, events, 1)
	assert.Equal(t, "comment.redact", events[0].Action)
}

func TestTwoModeratorsActingAtOnceExactlyOneWins(t *testing.T) {
	f := newCommentFixture(t)
	other := f.env.CreateUser("mod2@example.eu", models.RoleModerator, true)
	id := f.create(t, f.stake, nil)
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i, m := range []*apitest.User{f.mod, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			action := map[string]any{"action": "publish", "version": 1}
			if i == 1 {
				action = map[string]any{"action": "reject", "reason_code": "off_topic", "version": 1}
			}
			codes[i] = f.moderate(m, id, action).Code
		}()
	}
	wg.Wait()
	assert.ElementsMatch(t, []int{http.StatusOK, http.StatusConflict}, codes)
	var c models.Comment
	require.NoError(t, f.env.DB.Where("id = ?", id).Take(&c).Error)
	assert.Equal(t, 2, c.Version)
	var n int64
	f.env.DB.Model(&models.AuditEvent{}).Where("subject_id = ?", id).Count(&n)
	assert.Equal(t, int64(1), n)
}

func TestModerationQueue(t *testing.T) {
	f := newCommentFixture(t)
	a := f.create(t, f.stake, nil)
	b := f.create(t, f.stake, nil)
	require.Equal(t, http.StatusOK, f.moderate(f.mod, b, map[string]any{"action": "publish", "version": 1}).Code)
	rec := f.env.As(f.mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/moderation/queue?consultation_id=" + f.consultationID})
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), a)
	assert.NotContains(t, rec.Body.String(), b)
	rec = f.env.As(f.mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/moderation/queue?status=published"})
	assert.Contains(t, rec.Body.String(), b)
	assert.Equal(t, http.StatusForbidden, f.env.As(f.stake, apitest.Request{Method: http.MethodGet, Path: "/api/v1/moderation/queue"}).Code)
}

func TestModerationQueueFiltersByClauseAndStakeholderTypeAndShowsDispositions(t *testing.T) {
	f := newCommentFixture(t)
	a := f.create(t, f.stake, nil)
	b := f.create(t, f.stake, nil)
	require.Equal(t, http.StatusOK, f.moderate(f.mod, b, map[string]any{"action": "publish", "version": 1}).Code)
	require.Equal(t, http.StatusOK, f.putDisposition(b, map[string]any{"resolution": "noted", "response": "Thank you."}).Code)
	var author models.User
	require.NoError(t, f.env.DB.Where("id = ?", f.stake.ID).Take(&author).Error)
	other := "ngo"
	if author.StakeholderType == other {
		other = "company"
	}
	queue := func(query string) *httptestRecorder {
		return f.env.As(f.mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/moderation/queue?consultation_id=" + f.consultationID + query})
	}
	for _, tc := range []struct {
		query string
		holds bool
	}{
		{"&clause_id=" + f.clause341, true},
		{"&clause_id=" + models.NewID(), false},
		{"&stakeholder_type=" + author.StakeholderType, true},
		{"&stakeholder_type=" + other, false},
	} {
		rec := queue(tc.query)
		require.Equal(t, http.StatusOK, rec.Code, tc.query)
		assert.Equal(t, tc.holds, strings.Contains(rec.Body.String(), a), tc.query)
	}
	rec := queue("&stakeholder_type=pirate&clause_id=x")
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	assert.ElementsMatch(t, []string{"stakeholder_type", "clause_id"}, fieldsOfProblem(t, rec.Body.Bytes()))

	var published struct {
		Items []struct {
			ID          string `json:"id"`
			Disposition *struct {
				Resolution string `json:"resolution"`
				Version    int    `json:"version"`
			} `json:"disposition"`
		} `json:"items"`
	}
	apitest.DecodeJSON(t, queue("&status=published"), &published)
	require.Len(t, published.Items, 1)
	require.NotNil(t, published.Items[0].Disposition, "a queue item carries its disposition")
	assert.Equal(t, "noted", published.Items[0].Disposition.Resolution)
	assert.Equal(t, 1, published.Items[0].Disposition.Version)
}
