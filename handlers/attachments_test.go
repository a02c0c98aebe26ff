package handlers_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/internal/storage/storagetest"
	"consult/models"
)

// tinyPDF is a genuine one-page PDF: uploads are checked by structure, not by magic bytes.
var tinyPDF = string(storagetest.PDF())

func TestDocumentAttachmentsAreCheckedByContentAndServedAsDownloads(t *testing.T) {
	env := apitest.New(t)
	mod := env.CreateUser("mod@example.eu", models.RoleModerator, true)
	_, v4 := schemeWithDrafts(t, env, mod)
	upload := func(name string, content []byte) *httptestRecorder {
		body, ct := multipartDraft(t, name, content, nil)
		return env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/documents/" + v4.ID + "/attachments", Body: body, Headers: map[string]string{"Content-Type": ct}})
	}
	assert.Equal(t, http.StatusUnsupportedMediaType, upload("draft.pdf", []byte("<html><script>alert(1)</script></html>")).Code, "an HTML file named .pdf")
	assert.Equal(t, http.StatusUnsupportedMediaType, upload("draft.pdf", []byte("\x7fELF\x02\x01\x01")).Code)
	assert.Equal(t, http.StatusRequestEntityTooLarge, upload("big.pdf", []byte(tinyPDF+strings.Repeat(" ", models.MaxAttachmentBytes))).Code)

	rec := upload(`..\..\evil"; x=.pdf`, []byte(tinyPDF))
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var a struct {
		ID       string `json:"id"`
		FileName string `json:"file_name"`
		URL      string `json:"url"`
	}
	apitest.DecodeJSON(t, rec, &a)
	assert.NotContains(t, a.FileName, `"`)
	assert.NotContains(t, a.FileName, `\`)

	// Not yet visible to the public: no consultation has opened on the document.
	assert.Equal(t, http.StatusNotFound, env.Get(a.URL).Code)
	rec = env.As(mod, apitest.Request{Method: http.MethodGet, Path: a.URL})
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "application/pdf", rec.Header().Get("Content-Type"))
	assert.True(t, strings.HasPrefix(rec.Header().Get("Content-Disposition"), "attachment;"))
	assert.Equal(t, tinyPDF, rec.Body.String())

	require.Equal(t, http.StatusCreated, env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/consultations", Body: map[string]any{
		"document_id": v4.ID, "title": "Open", "opens_at": apitest.Start.Add(-time.Hour), "closes_at": apitest.Start.Add(time.Hour),
	}}).Code)
	assert.Equal(t, http.StatusOK, env.Get(a.URL).Code)
	var doc struct {
		Attachments []struct {
			ID string `json:"id"`
		} `json:"attachments"`
	}
	apitest.DecodeJSON(t, env.Get("/api/v1/documents/"+v4.ID), &doc)
	require.Len(t, doc.Attachments, 1)
	assert.Equal(t, a.ID, doc.Attachments[0].ID)
}

func TestClauseBodiesAreRenderedSanitised(t *testing.T) {
	env := apitest.New(t)
	mod := env.CreateUser("mod@example.eu", models.RoleModerator, true)
	require.Equal(t, http.StatusCreated, env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/schemes", Body: map[string]string{"slug": "xss", "title": "XSS"}}).Code)
	md := "## 1 Scope\n\nSee [the site](https://example.eu) and <script>alert(1)</script> and [x](javascript:alert(1)) " +
		"<img src=x onerror=alert(1)> **bold** ελληνικά\n"
	rec := env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/schemes/xss/documents", Body: map[string]string{"version_label": "1", "title": "T", "markdown": md}})
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var d documentJSONWithHTML
	apitest.DecodeJSON(t, rec, &d)
	html := d.Clauses[0].BodyHTML
	assert.Contains(t, html, `<a href="https://example.eu"`)
	assert.Contains(t, html, "<strong>bold</strong>")
	assert.Contains(t, html, "ελληνικά")
	for _, bad := range []string{"<script", "onerror", "javascript:", "<img src=x"} {
		assert.NotContains(t, strings.ToLower(html), bad)
	}
	assert.Contains(t, d.Clauses[0].Body, "<script>alert(1)</script>", "the Markdown itself is kept as written")
}

type documentJSONWithHTML struct {
	Clauses []struct {
		Body     string `json:"body"`
		BodyHTML string `json:"body_html"`
	} `json:"clauses"`
}
