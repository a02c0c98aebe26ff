package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/models"
)

// TestEveryPublicationChoiceOnEveryPublicRoute checks each publication choice, once published,
// against every route the public can reach: what may show shows, and nothing else leaks.
func TestEveryPublicationChoiceOnEveryPublicRoute(t *testing.T) {
	f := newCommentFixture(t)
	author := f.env.CreateUser("author@example.eu", models.RoleStakeholder, true)
	require.NoError(t, f.env.DB.Model(&models.User{}).Where("id = ?", author.ID).
		Updates(map[string]any{"display_name": "Ada Author", "organisation": "Author Org", "country": "PT", "stakeholder_type": "academic_research"}).Error)
	ids := map[string]string{}
	for _, pub := range []string{models.PublicNamed, models.PublicAnonymous, models.Confidential} {
		ids[pub] = f.create(t, author, map[string]any{"publication": pub, "body": "Body of the " + pub + " comment."})
		body, ct := multipartDraft(t, "paper.pdf", []byte(tinyPDF), nil)
		require.Equal(t, http.StatusCreated, f.env.As(author, apitest.Request{Method: http.MethodPost, Path: "/api/v1/comments/" + ids[pub] + "/attachments",
			Body: body, Headers: map[string]string{"Content-Type": ct}}).Code)
	}
	require.NoError(t, f.env.DB.Model(&models.Comment{}).Where("1 = 1").Update("status", models.CommentPublished).Error)

	var con struct {
		DocumentID string `json:"document_id"`
	}
	apitest.DecodeJSON(t, f.env.Get("/api/v1/consultations/"+f.consultationID), &con)
	stranger := f.env.CreateUser("stranger@example.eu", models.RoleStakeholder, true)

	for _, viewer := range []*apitest.User{nil, stranger} {
		get := func(path string) *httptestRecorder {
			if viewer == nil {
				return f.env.Get(path)
			}
			return f.env.As(viewer, apitest.Request{Method: http.MethodGet, Path: path})
		}
		var pages []string
		for _, path := range []string{
			"/api/v1/consultations/" + f.consultationID + "/comments",
			"/api/v1/consultations/" + f.consultationID + "/comments?q=comment",
			"/api/v1/consultations/" + f.consultationID + "/comments?clause_id=" + f.clause341,
			"/api/v1/consultations/" + f.consultationID + "/comments?country=PT",
			"/api/v1/documents/" + con.DocumentID,
		} {
			rec := get(path)
			require.Equal(t, http.StatusOK, rec.Code, path)
			pages = append(pages, rec.Body.String())
		}
		named, anon, secret := get("/api/v1/comments/"+ids[models.PublicNamed]), get("/api/v1/comments/"+ids[models.PublicAnonymous]), get("/api/v1/comments/"+ids[models.Confidential])
		require.Equal(t, http.StatusOK, named.Code)
		require.Equal(t, http.StatusOK, anon.Code)
		assert.Equal(t, http.StatusNotFound, secret.Code)
		pages = append(pages, named.Body.String(), anon.Body.String()) // the 404 names only the path asked for

		all := strings.Join(pages, "\n")
		assert.False(t, strings.Contains(all, "Body of the confidential comment"), "confidential text never appears")
		assert.False(t, strings.Contains(all, ids[models.Confidential]), "nor its id")
		assert.False(t, strings.Contains(all, "author@example.eu"), "no email anywhere")
		assert.Contains(t, all, "Body of the public_named comment.")
		assert.Contains(t, all, "Body of the public_anonymous comment.")
		assert.Contains(t, named.Body.String(), "Ada Author")
		assert.Contains(t, named.Body.String(), "Author Org")
		assert.NotContains(t, anon.Body.String(), "Ada Author")
		assert.NotContains(t, anon.Body.String(), "Author Org")
		assert.Contains(t, anon.Body.String(), `"country":"PT"`)
		assert.Contains(t, anon.Body.String(), `"stakeholder_type":"academic_research"`)
		listed := pages[0]
		assert.Equal(t, 1, strings.Count(listed, "Ada Author"), "the name shows once: on the named comment only")
	}
}
