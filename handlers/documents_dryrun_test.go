package handlers_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/models"
)

const draftsPath = "/api/v1/schemes/mss/documents"

// storedRows counts what an import leaves behind: documents, clauses and audit events.
func storedRows(t *testing.T, env *apitest.Env) [3]int64 {
	t.Helper()
	var counts [3]int64
	for i, model := range []any{&models.Document{}, &models.Clause{}, &models.AuditEvent{}} {
		require.NoError(t, env.DB.Model(model).Count(&counts[i]).Error)
	}
	return counts
}

// withoutIDs decodes a document answer and drops the ids and creation time, which only a stored
// document has.
func withoutIDs(t *testing.T, raw []byte) map[string]any {
	t.Helper()
	var doc map[string]any
	require.NoError(t, json.Unmarshal(raw, &doc))
	delete(doc, "id")
	delete(doc, "created_at")
	var forget func(clauses []any)
	forget = func(clauses []any) {
		for _, c := range clauses {
			clause := c.(map[string]any)
			delete(clause, "id")
			forget(clause["children"].([]any))
		}
	}
	forget(doc["clauses"].([]any))
	return doc
}

func TestDraftDryRunPreviewsExactlyWhatTheImportStoresAndStoresNothing(t *testing.T) {
	env := apitest.New(t)
	mod := env.CreateUser("mod@example.eu", models.RoleModerator, true)
	rec := env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/schemes", Body: map[string]string{"slug": "mss", "title": "Managed security services"}})
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	jsonDraft := apitest.Request{Method: http.MethodPost, Body: map[string]string{"version_label": "0.3", "markdown": sample(t, "v0.3")}}
	before := storedRows(t, env)

	jsonDraft.Path = draftsPath + "?dry_run=true"
	preview := env.As(mod, jsonDraft)
	require.Equal(t, http.StatusOK, preview.Code, preview.Body.String())
	body, contentType := multipartDraft(t, "draft.md", []byte(sample(t, "v0.3")), map[string]string{"version_label": "0.3"})
	filePreview := env.As(mod, apitest.Request{Method: http.MethodPost, Path: draftsPath + "?dry_run=1", Body: body, Headers: map[string]string{"Content-Type": contentType}})
	require.Equal(t, http.StatusOK, filePreview.Code, filePreview.Body.String())
	assert.Equal(t, before, storedRows(t, env), "a dry run stores no document, no clause and no audit event")

	var fields map[string]any
	require.NoError(t, json.Unmarshal(preview.Body.Bytes(), &fields))
	assert.NotContains(t, fields, "id", "the preview has no id: the document does not exist")
	assert.NotContains(t, fields, "created_at")
	assert.NotContains(t, fields["clauses"].([]any)[0], "id")
	assert.Equal(t, withoutIDs(t, preview.Body.Bytes()), withoutIDs(t, filePreview.Body.Bytes()), "a file previews as its pasted text")

	jsonDraft.Path = draftsPath
	imported := env.As(mod, jsonDraft)
	require.Equal(t, http.StatusCreated, imported.Code, imported.Body.String())
	assert.Equal(t, withoutIDs(t, imported.Body.Bytes()), withoutIDs(t, preview.Body.Bytes()), "the preview is the import's answer without its ids")

	jsonDraft.Path = draftsPath + "?dry_run=true"
	again := env.As(mod, jsonDraft)
	assert.Equal(t, http.StatusConflict, again.Code, "the version label is now in use: %s", again.Body.String())
	jsonDraft.Path = draftsPath + "?dry_run=false"
	assert.Equal(t, http.StatusConflict, env.As(mod, jsonDraft).Code, "dry_run=false is the real import")

	jsonDraft.Path = draftsPath + "?dry_run=perhaps"
	rec = env.As(mod, jsonDraft)
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	assert.Contains(t, rec.Body.String(), `"field":"dry_run"`)

	stake := env.CreateUser("s@example.eu", models.RoleStakeholder, true)
	jsonDraft.Path = draftsPath + "?dry_run=true"
	assert.Equal(t, http.StatusForbidden, env.As(stake, jsonDraft).Code, "a dry run is for moderators, as the import")
}

func TestDraftDryRunGivesTheImportsErrors(t *testing.T) {
	env := apitest.New(t)
	mod := env.CreateUser("mod@example.eu", models.RoleModerator, true)
	rec := env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/schemes", Body: map[string]string{"slug": "mss", "title": "Managed security services"}})
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	jsonDraft := func(fields map[string]string) func(path string) apitest.Request {
		return func(path string) apitest.Request {
			return apitest.Request{Method: http.MethodPost, Path: path, Body: fields}
		}
	}
	fileDraft := func(content []byte, fields map[string]string) func(path string) apitest.Request {
		return func(path string) apitest.Request {
			body, ct := multipartDraft(t, "draft.md", content, fields)
			return apitest.Request{Method: http.MethodPost, Path: path, Body: body, Headers: map[string]string{"Content-Type": ct}}
		}
	}
	tests := []struct {
		name    string
		request func(path string) apitest.Request
		status  int
	}{
		{"no headings", jsonDraft(map[string]string{"version_label": "1", "markdown": "just a paragraph"}), 422},
		{"duplicate numbers and no version label", jsonDraft(map[string]string{"markdown": "## 1 A\ntext\n## 2 B\n## 1 C\n"}), 422},
		{"a NUL byte", jsonDraft(map[string]string{"version_label": "1", "markdown": "## 1 A\n\u0000"}), 422},
		{"no title anywhere", jsonDraft(map[string]string{"version_label": "1", "markdown": "## 1 A\ntext\n"}), 422},
		{"an unknown field", jsonDraft(map[string]string{"version_label": "1", "markdown": "# T\n## 1 A\n", "id": "x"}), 422},
		{"not UTF-8", fileDraft([]byte("## 1 A\n\xff\xfe bad\n"), map[string]string{"version_label": "1"}), 422},
		{"a PDF is not Markdown", fileDraft([]byte("%PDF-1.7\n\x00\x01binary"), map[string]string{"version_label": "1"}), 415},
		{"too large", fileDraft(bytes.Repeat([]byte("## 1 A\n"), (models.MaxDraftBytes/7)+10), map[string]string{"version_label": "1"}), 413},
		{"form content type", func(path string) apitest.Request {
			return apitest.Request{Method: http.MethodPost, Path: path, Body: "markdown=x", Headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}}
		}, 415},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := storedRows(t, env)
			dry := env.As(mod, tc.request(draftsPath+"?dry_run=true"))
			assert.Equal(t, before, storedRows(t, env))
			real := env.As(mod, tc.request(draftsPath))
			require.Equal(t, tc.status, dry.Code, dry.Body.String())
			require.Equal(t, tc.status, real.Code, real.Body.String())
			assert.Equal(t, problemWithoutInstance(t, real.Body.Bytes()), problemWithoutInstance(t, dry.Body.Bytes()))
		})
	}
}

// problemWithoutInstance is a problem answer without what differs from request to request.
func problemWithoutInstance(t *testing.T, raw []byte) map[string]any {
	t.Helper()
	var p map[string]any
	require.NoError(t, json.Unmarshal(raw, &p), string(raw))
	delete(p, "instance")
	delete(p, "request_id")
	return p
}
