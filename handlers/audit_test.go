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
