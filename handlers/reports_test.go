package handlers_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/models"
)

func TestReportsOfAbuseReachModerators(t *testing.T) {
	f := newCommentFixture(t)
	reader := f.env.CreateUser("reader@example.eu", models.RoleStakeholder, false)
	published := f.create(t, f.stake, nil)
	secret := f.create(t, f.stake, map[string]any{"publication": "confidential"})
	unpublished := f.create(t, f.stake, nil)
	require.NoError(t, f.env.DB.Model(&models.Comment{}).Where("id IN ?", []string{published, secret}).Update("status", models.CommentPublished).Error)
	report := func(id string, body map[string]any) *httptestRecorder {
		return f.env.As(reader, apitest.Request{Method: http.MethodPost, Path: "/api/v1/comments/" + id + "/reports", Body: body})
	}
	require.Equal(t, http.StatusCreated, report(published, map[string]any{"reason": "abusive", "details": "Insults in the second sentence."}).Code)
	assert.Equal(t, http.StatusConflict, report(published, map[string]any{"reason": "spam"}).Code, "once per comment")
	assert.Equal(t, http.StatusNotFound, report(secret, map[string]any{"reason": "spam"}).Code, "not publicly visible")
	assert.Equal(t, http.StatusNotFound, report(unpublished, map[string]any{"reason": "spam"}).Code)
	assert.Equal(t, http.StatusUnprocessableEntity, report(published, map[string]any{"reason": "ugly"}).Code)
	assert.Equal(t, http.StatusUnauthorized, f.env.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/comments/" + published + "/reports", Body: map[string]any{"reason": "spam"}}).Code)

	rec := f.env.As(f.mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/moderation/reports"})
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), "Insults in the second sentence.")
	assert.Equal(t, http.StatusForbidden, f.env.As(reader, apitest.Request{Method: http.MethodGet, Path: "/api/v1/moderation/reports"}).Code)

	// Repeated reports by one account are limited.
	for i := range 12 {
		id := f.create(t, f.stake, nil)
		require.NoError(t, f.env.DB.Model(&models.Comment{}).Where("id = ?", id).Update("status", models.CommentPublished).Error)
		rec := report(id, map[string]any{"reason": "spam"})
		if i < 9 {
			assert.Equal(t, http.StatusCreated, rec.Code, "report %d", i+2)
		} else {
			assert.Equal(t, http.StatusTooManyRequests, rec.Code, "report %d", i+2)
		}
	}
}
