package handlers_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/models"
)

func (f *commentFixture) create(t *testing.T, u *apitest.User, set map[string]any) string {
	body := goodComment(f.clause341)
	for k, v := range set {
		body[k] = v
	}
	rec := f.submit(u, body, nil)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var c struct {
		ID string `json:"id"`
	}
	apitest.DecodeJSON(t, rec, &c)
	return c.ID
}

func TestEditAndWithdrawOwnComments(t *testing.T) {
	f := newCommentFixture(t)
	id := f.create(t, f.stake, nil)
	path := "/api/v1/comments/" + id
	patch := func(u *apitest.User, body map[string]any) *httptestRecorder {
		return f.env.As(u, apitest.Request{Method: http.MethodPatch, Path: path, Body: body})
	}
	rec := patch(f.stake, map[string]any{"body": "Second thoughts: 18 hours.", "version": 1})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Contains(t, rec.Body.String(), `"version":2`)
	assert.Equal(t, http.StatusConflict, patch(f.stake, map[string]any{"body": "Stale", "version": 1}).Code)
	assert.Equal(t, http.StatusUnprocessableEntity, patch(f.stake, map[string]any{"status": "published", "version": 2}).Code)
	assert.Equal(t, http.StatusUnprocessableEntity, patch(f.stake, map[string]any{"body": "No version"}).Code)

	other := f.env.CreateUser("other@example.eu", models.RoleStakeholder, true)
	assert.Equal(t, http.StatusNotFound, patch(other, map[string]any{"body": "Hijack", "version": 2}).Code)
	assert.Equal(t, http.StatusNotFound, f.env.As(other, apitest.Request{Method: http.MethodDelete, Path: path}).Code)

	revs, err := models.CommentRevisions(t.Context(), f.env.DB.DB, id)
	require.NoError(t, err)
	require.Len(t, revs, 1)
	assert.Equal(t, "Twelve hours is too short for small providers.", revs[0].Body)

	// Moderated comments are frozen.
	moderated := f.create(t, f.stake, nil)
	require.NoError(t, f.env.DB.Model(&models.Comment{}).Where("id = ?", moderated).Update("status", models.CommentPublished).Error)
	assert.Equal(t, http.StatusConflict, f.env.As(f.stake, apitest.Request{Method: http.MethodPatch, Path: "/api/v1/comments/" + moderated, Body: map[string]any{"body": "x", "version": 1}}).Code)

	require.Equal(t, http.StatusNoContent, f.env.As(f.stake, apitest.Request{Method: http.MethodDelete, Path: path}).Code)
	var c models.Comment
	require.NoError(t, f.env.DB.Where("id = ?", id).Take(&c).Error)
	assert.Equal(t, models.CommentWithdrawn, c.Status)

	// After the window closes, comments are read-only.
	last := f.create(t, f.stake, nil)
	f.env.Clock.Set(f.closes)
	f.env.Login(f.stake)
	rec = f.env.As(f.stake, apitest.Request{Method: http.MethodPatch, Path: "/api/v1/comments/" + last, Body: map[string]any{"body": "late", "version": 1}})
	assert.Equal(t, http.StatusConflict, rec.Code)
	assert.Equal(t, models.CodeConsultationNotOpen, problemCode(t, rec.Body.Bytes()))
	assert.Equal(t, http.StatusConflict, f.env.As(f.stake, apitest.Request{Method: http.MethodDelete, Path: "/api/v1/comments/" + last}).Code)
}

func TestPublicListFiltersSearchesAndPages(t *testing.T) {
	f := newCommentFixture(t)
	greek := f.env.CreateUser("gr@example.eu", models.RoleStakeholder, true)
	require.NoError(t, f.env.DB.Model(&models.User{}).Where("id = ?", greek.ID).Updates(map[string]any{"country": "GR", "stakeholder_type": "ngo"}).Error)
	named := f.create(t, f.stake, map[string]any{"body": "Notification deadlines are too strict.", "comment_type": "technical"})
	anon := f.create(t, greek, map[string]any{"body": "Η προθεσμία ειδοποίησης είναι σύντομη.", "publication": "public_anonymous", "comment_type": "editorial"})
	confidential := f.create(t, f.stake, map[string]any{"body": "Secret deadlines concern.", "publication": "confidential"})
	general := f.create(t, greek, map[string]any{"clause_id": nil, "quote": nil, "body": "General deadlines remark.", "comment_type": "general"})
	unpublished := f.create(t, f.stake, map[string]any{"body": "Not moderated yet: deadlines."})
	require.NoError(t, f.env.DB.Model(&models.Comment{}).Where("id IN ?", []string{named, anon, confidential, general}).
		Update("status", models.CommentPublished).Error)

	list := func(query string) []string {
		rec := f.env.Get("/api/v1/consultations/" + f.consultationID + "/comments?" + query)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		var out struct {
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
		}
		apitest.DecodeJSON(t, rec, &out)
		var ids []string
		for _, it := range out.Items {
			ids = append(ids, it.ID)
		}
		return ids
	}
	assert.Equal(t, []string{named, anon, general}, list(""), "published only, confidential never, submission order")
	assert.Equal(t, []string{named, anon}, list("clause_id="+f.clause341))
	assert.Equal(t, []string{anon}, list("comment_type=editorial"))
	assert.Equal(t, []string{anon, general}, list("country=GR"))
	assert.Equal(t, []string{anon, general}, list("stakeholder_type=ngo"))
	assert.Equal(t, []string{named, general}, list("q=deadlines"), "never the confidential or unpublished one")
	assert.Equal(t, []string{anon}, list("q="+url.QueryEscape("προθεσμία")))
	assert.Empty(t, list("q="+url.QueryEscape(`" OR 1=1 --`)))
	assert.Empty(t, list("q="+url.QueryEscape(`secret`)))
	assert.Equal(t, http.StatusUnprocessableEntity, f.env.Get("/api/v1/consultations/"+f.consultationID+"/comments?country=gr").Code)
	assert.Equal(t, http.StatusNotFound, f.env.Get("/api/v1/consultations/"+models.NewID()+"/comments").Code)
	_ = unpublished

	rec := f.env.Get("/api/v1/consultations/" + f.consultationID + "/comments?limit=2")
	var page struct {
		Items []struct {
			ID     string `json:"id"`
			Author struct {
				DisplayName *string `json:"display_name"`
				Country     string  `json:"country"`
			} `json:"author"`
		} `json:"items"`
		NextCursor *string `json:"next_cursor"`
	}
	apitest.DecodeJSON(t, rec, &page)
	require.Len(t, page.Items, 2)
	require.NotNil(t, page.NextCursor)
	assert.NotNil(t, page.Items[0].Author.DisplayName)
	assert.Nil(t, page.Items[1].Author.DisplayName, "anonymous: no name")
	assert.Equal(t, "GR", page.Items[1].Author.Country)
	assert.NotContains(t, rec.Body.String(), "@example.eu")
	assert.Equal(t, []string{general}, list("limit=2&cursor="+*page.NextCursor))
}

func TestErasedAuthorsPublishedCommentsStayAnonymised(t *testing.T) {
	f := newCommentFixture(t)
	leaver := f.env.CreateUser("leaver@example.eu", models.RoleStakeholder, true)
	id := f.create(t, leaver, nil)
	require.NoError(t, f.env.DB.Model(&models.Comment{}).Where("id = ?", id).Update("status", models.CommentPublished).Error)
	require.Equal(t, http.StatusNoContent, f.env.As(leaver, apitest.Request{Method: http.MethodDelete, Path: "/api/v1/me"}).Code)
	f.env.Clock.Advance(time.Second)
	rec := f.env.Get("/api/v1/comments/" + id)
	require.Equal(t, http.StatusOK, rec.Code, "the contribution stays in the record")
	assert.Contains(t, rec.Body.String(), `"display_name":null`)
	assert.NotContains(t, rec.Body.String(), "Test stakeholder")
	assert.NotContains(t, rec.Body.String(), "leaver@example.eu")
}
