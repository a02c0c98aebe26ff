package handlers_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/models"
)

func TestAuditTrailForAdminsOnly(t *testing.T) {
	f := newCommentFixture(t)
	admin := f.env.CreateUser("admin@example.eu", models.RoleAdmin, true)
	id := f.create(t, f.stake, nil)
	require.Equal(t, http.StatusOK, f.moderate(f.mod, id, map[string]any{"action": "publish", "version": 1}).Code)
	require.Equal(t, http.StatusOK, f.env.As(f.mod, apitest.Request{Method: http.MethodPut, Path: "/api/v1/comments/" + id + "/disposition",
		Body: map[string]any{"resolution": "partially_accepted", "response": "The deadline becomes 18 hours.", "next_clause_ref": "3.4.1"}}).Code)

	rec := f.env.As(admin, apitest.Request{Method: http.MethodGet, Path: "/api/v1/audit?limit=2"})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var page struct {
		Items []struct {
			Seq    int64          `json:"seq"`
			Action string         `json:"action"`
			After  map[string]any `json:"after"`
		} `json:"items"`
		NextCursor *string `json:"next_cursor"`
	}
	apitest.DecodeJSON(t, rec, &page)
	require.Len(t, page.Items, 2)
	assert.Equal(t, "comment.disposition", page.Items[0].Action, "newest first")
	assert.Equal(t, "comment.publish", page.Items[1].Action)
	assert.Equal(t, "partially_accepted", page.Items[0].After["resolution"])
	require.NotNil(t, page.NextCursor)
	rec = f.env.As(admin, apitest.Request{Method: http.MethodGet, Path: "/api/v1/audit?cursor=" + *page.NextCursor})
	var rest struct {
		Items []struct {
			Action string `json:"action"`
		} `json:"items"`
	}
	apitest.DecodeJSON(t, rec, &rest)
	var actions []string
	for _, it := range rest.Items {
		actions = append(actions, it.Action)
	}
	assert.Equal(t, []string{"consultation.created", "document.imported", "document.imported", "scheme.created"}, actions, "every staff action is recorded")

	assert.Equal(t, http.StatusForbidden, f.env.As(f.mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/audit"}).Code)
	assert.Equal(t, http.StatusForbidden, f.env.As(f.stake, apitest.Request{Method: http.MethodGet, Path: "/api/v1/audit"}).Code)
}

func TestDispositionsAreVersionedAndShownToTheAuthor(t *testing.T) {
	f := newCommentFixture(t)
	id := f.create(t, f.stake, nil)
	require.Equal(t, http.StatusOK, f.moderate(f.mod, id, map[string]any{"action": "publish", "version": 1}).Code, "only a published comment takes a disposition")
	path := "/api/v1/comments/" + id + "/disposition"
	put := func(body map[string]any) *httptestRecorder {
		return f.env.As(f.mod, apitest.Request{Method: http.MethodPut, Path: path, Body: body})
	}
	assert.Equal(t, http.StatusConflict, put(map[string]any{"resolution": "noted", "response": "Thanks.", "version": 1}).Code, "no disposition yet")
	require.Equal(t, http.StatusOK, put(map[string]any{"resolution": "noted", "response": "Thanks."}).Code)
	assert.Equal(t, http.StatusConflict, put(map[string]any{"resolution": "accepted", "response": "Done."}).Code, "version required once one exists")
	require.Equal(t, http.StatusOK, put(map[string]any{"resolution": "accepted", "response": "Done in 3.4.1.", "version": 1}).Code)
	assert.Equal(t, http.StatusConflict, put(map[string]any{"resolution": "not_accepted", "response": "Stale.", "version": 1}).Code)
	assert.Equal(t, http.StatusUnprocessableEntity, put(map[string]any{"resolution": "maybe", "response": "x", "version": 2}).Code)
	assert.Equal(t, http.StatusForbidden, f.env.As(f.stake, apitest.Request{Method: http.MethodPut, Path: path, Body: map[string]any{"resolution": "accepted", "response": "Self-served."}}).Code)

	rec := f.env.As(f.stake, apitest.Request{Method: http.MethodGet, Path: "/api/v1/me/comments"})
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), `"resolution":"accepted"`)
	assert.Contains(t, rec.Body.String(), `"response":"Done in 3.4.1."`)
}

func TestAdminsVerifyTheAuditChainOverHTTP(t *testing.T) {
	f := newCommentFixture(t)
	admin := f.env.CreateUser("admin@example.eu", models.RoleAdmin, true)
	id := f.create(t, f.stake, nil)
	require.Equal(t, http.StatusOK, f.moderate(f.mod, id, map[string]any{"action": "publish", "version": 1}).Code)
	verify := apitest.Request{Method: http.MethodGet, Path: "/api/v1/audit/verify"}
	type check struct {
		Intact        bool  `json:"intact"`
		EventsChecked int64 `json:"events_checked"`
		FirstBreak    *struct {
			Seq    int64  `json:"seq"`
			Reason string `json:"reason"`
		} `json:"first_break"`
	}
	assert.Equal(t, http.StatusForbidden, f.env.As(f.mod, verify).Code, "admins only")

	var ok check
	apitest.DecodeJSON(t, f.env.As(admin, verify), &ok)
	var events int64
	require.NoError(t, f.env.DB.Model(&models.AuditEvent{}).Count(&events).Error)
	assert.True(t, ok.Intact)
	assert.Equal(t, events, ok.EventsChecked)
	assert.Nil(t, ok.FirstBreak)

	var last models.AuditEvent
	require.NoError(t, f.env.DB.Order("seq DESC").Take(&last).Error)
	require.NoError(t, f.env.DB.Model(&models.AuditEvent{}).Where("seq = ?", last.Seq).Update("after_json", `{"status":"rejected"}`).Error)
	var broken check
	apitest.DecodeJSON(t, f.env.As(admin, verify), &broken)
	assert.False(t, broken.Intact)
	require.NotNil(t, broken.FirstBreak)
	assert.Equal(t, last.Seq, broken.FirstBreak.Seq, "the changed event is named")
	assert.Contains(t, broken.FirstBreak.Reason, "does not match its hash")
	assert.Equal(t, last.Seq-1, broken.EventsChecked)
}
