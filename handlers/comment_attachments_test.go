package handlers_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/internal/storage/storagetest"
	"consult/models"
)

// tinyODT is a genuine minimal OpenDocument text (mimetype, manifest, content).
func tinyODT(*testing.T) []byte { return storagetest.ODT() }

func TestPositionPapersFollowTheCommentsReadingRules(t *testing.T) {
	f := newCommentFixture(t)
	upload := func(u *apitest.User, commentID, name string, content []byte) *httptestRecorder {
		body, ct := multipartDraft(t, name, content, nil)
		return f.env.As(u, apitest.Request{Method: http.MethodPost, Path: "/api/v1/comments/" + commentID + "/attachments", Body: body, Headers: map[string]string{"Content-Type": ct}})
	}
	named := f.create(t, f.stake, nil)
	secret := f.create(t, f.stake, map[string]any{"publication": "confidential"})

	assert.Equal(t, http.StatusUnsupportedMediaType, upload(f.stake, named, "paper.docx", []byte("<html>not a document</html>")).Code)
	other := f.env.CreateUser("other@example.eu", models.RoleStakeholder, true)
	assert.Equal(t, http.StatusNotFound, upload(other, named, "paper.pdf", []byte(tinyPDF)).Code, "not one's own comment")

	urls := map[string]string{}
	for id, content := range map[string][]byte{named: tinyODT(t), secret: []byte(tinyPDF)} {
		rec := upload(f.stake, id, "position paper", content)
		require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
		var a struct {
			URL         string `json:"url"`
			ContentType string `json:"content_type"`
		}
		apitest.DecodeJSON(t, rec, &a)
		urls[id] = a.URL
	}
	require.NoError(t, f.env.DB.Model(&models.Comment{}).Where("1 = 1").Update("status", models.CommentPublished).Error)

	rec := f.env.Get(urls[named])
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "application/vnd.oasis.opendocument.text", rec.Header().Get("Content-Type"))
	assert.Equal(t, http.StatusNotFound, f.env.Get(urls[secret]).Code, "never public when the comment is confidential")
	assert.Equal(t, http.StatusNotFound, f.env.As(other, apitest.Request{Method: http.MethodGet, Path: urls[secret]}).Code)
	assert.Equal(t, http.StatusOK, f.env.As(f.stake, apitest.Request{Method: http.MethodGet, Path: urls[secret]}).Code, "the author")
	assert.Equal(t, http.StatusOK, f.env.As(f.mod, apitest.Request{Method: http.MethodGet, Path: urls[secret]}).Code, "staff")

	rec = f.env.Get("/api/v1/comments/" + named)
	assert.Contains(t, rec.Body.String(), urls[named])
	assert.Equal(t, http.StatusConflict, upload(f.stake, named, "late.pdf", []byte(tinyPDF)).Code, "moderated comments take no more files")
}
