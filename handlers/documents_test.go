package handlers_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/models"
)

func sample(t testing.TB, version string) string {
	b, err := os.ReadFile("../internal/clauses/testdata/draft-scheme-mss-" + version + ".md")
	require.NoError(t, err)
	return string(b)
}

type clauseJSON struct {
	ID       string       `json:"id"`
	Number   string       `json:"number"`
	Heading  string       `json:"heading"`
	Body     string       `json:"body"`
	Children []clauseJSON `json:"children"`
}

type documentJSON struct {
	ID           string       `json:"id"`
	Title        string       `json:"title"`
	VersionLabel string       `json:"version_label"`
	Clauses      []clauseJSON `json:"clauses"`
}

func flatNumbers(cs []clauseJSON) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Number)
		out = append(out, flatNumbers(c.Children)...)
	}
	return out
}

// schemeWithDrafts makes the MSS scheme and imports v0.3 (JSON) and v0.4 (multipart file).
func schemeWithDrafts(t testing.TB, env *apitest.Env, mod *apitest.User) (v3, v4 documentJSON) {
	rec := env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/schemes", Body: map[string]string{"slug": "mss", "title": "Managed security services", "summary": "A candidate scheme."}})
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())

	rec = env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/schemes/mss/documents", Body: map[string]string{"version_label": "0.3", "markdown": sample(t, "v0.3")}})
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	apitest.DecodeJSON(t, rec, &v3)

	body, contentType := multipartDraft(t, "draft-v0.4.md", []byte(sample(t, "v0.4")), map[string]string{"version_label": "0.4"})
	rec = env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/schemes/mss/documents", Body: body, Headers: map[string]string{"Content-Type": contentType}})
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	apitest.DecodeJSON(t, rec, &v4)
	return v3, v4
}

// multipartDraftTo writes a one-file multipart body into buf.
func multipartDraftTo(buf *bytes.Buffer, name string, content []byte) ([]byte, string) {
	w := multipart.NewWriter(buf)
	fw, _ := w.CreateFormFile("file", name)
	_, _ = fw.Write(content)
	_ = w.Close()
	return buf.Bytes(), w.FormDataContentType()
}

func multipartDraft(t testing.TB, name string, content []byte, fields map[string]string) ([]byte, string) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		require.NoError(t, w.WriteField(k, v))
	}
	fw, err := w.CreateFormFile("file", name)
	require.NoError(t, err)
	_, err = fw.Write(content)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return buf.Bytes(), w.FormDataContentType()
}

func TestImportBothSampleVersions(t *testing.T) {
	env := apitest.New(t)
	mod := env.CreateUser("mod@example.eu", models.RoleModerator, true)
	v3, v4 := schemeWithDrafts(t, env, mod)
	assert.Equal(t, "Candidate Cybersecurity Certification Scheme for Managed Security Services — Draft v0.3", v3.Title)
	assert.Equal(t, "0.4", v4.VersionLabel)
	assert.Equal(t, []string{
		"1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "3", "3.1", "3.1.1", "3.1.2", "3.2", "3.2.1", "3.2.2",
		"3.3", "3.3.1", "3.3.2", "3.3.3", "3.4", "3.4.1", "3.4.2", "3.5", "4", "4.1", "4.2", "5", "5.1", "5.2", "5.3",
		"Annex A", "Annex B",
	}, flatNumbers(v3.Clauses))
	assert.Equal(t, []string{
		"1", "1.1", "1.2", "2", "2.1", "2.2", "3", "3.1", "3.1.1", "3.1.2", "3.2", "3.2.1", "3.2.2",
		"3.3", "3.3.1", "3.3.2", "3.3.3", "3.4", "3.4.1", "3.4.2", "3.5", "3.6", "4", "4.1", "4.2", "5", "5.1", "5.2", "5.3",
		"Annex A", "Annex B",
	}, flatNumbers(v4.Clauses))
	notification := v4.Clauses[2].Children[3].Children[0]
	assert.Equal(t, "3.4.1", notification.Number)
	assert.Equal(t, "Notification to the customer", notification.Heading)
	assert.Contains(t, notification.Body, "within 12 hours")

	// The same version label twice is a conflict.
	rec := env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/schemes/mss/documents", Body: map[string]string{"version_label": "0.3", "markdown": sample(t, "v0.3")}})
	assert.Equal(t, http.StatusConflict, rec.Code)
}

func TestDiffOfTheSamplesThroughTheAPI(t *testing.T) {
	env := apitest.New(t)
	mod := env.CreateUser("mod@example.eu", models.RoleModerator, true)
	v3, v4 := schemeWithDrafts(t, env, mod)
	rec := env.As(mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/documents/" + v4.ID + "/diff?against=" + v3.ID})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var diff struct {
		Changes []struct {
			Kind      string  `json:"kind"`
			OldNumber *string `json:"old_number"`
			NewNumber *string `json:"new_number"`
			Heading   string  `json:"heading"`
			BodyDiff  []struct {
				Op   string `json:"op"`
				Text string `json:"text"`
			} `json:"body_diff"`
		} `json:"changes"`
	}
	apitest.DecodeJSON(t, rec, &diff)
	got := map[string]string{}
	for _, c := range diff.Changes {
		key := "-"
		if c.OldNumber != nil {
			key = *c.OldNumber
		}
		key += "→"
		if c.NewNumber != nil {
			key += *c.NewNumber
		} else {
			key += "-"
		}
		got[key] = c.Kind
	}
	assert.Equal(t, "removed", got["2.2→-"], "2.2 Services out of scope was removed")
	assert.Equal(t, "unchanged", got["2.3→2.2"], "Assurance levels moved from 2.3 to 2.2 unchanged")
	assert.Equal(t, "changed", got["3.4.1→3.4.1"])
	assert.Equal(t, "added", got["-→3.6"])
	unchanged := 0
	for _, kind := range got {
		if kind == "unchanged" {
			unchanged++
		}
	}
	assert.Equal(t, 29, unchanged)
	assert.Len(t, diff.Changes, 32)

	rec = env.As(mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/documents/" + v4.ID + "/diff"})
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	rec = env.As(mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/documents/" + v4.ID + "/diff?against=" + models.NewID()})
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code)
}

func TestDraftImportErrorsSayWhatAndWhere(t *testing.T) {
	env := apitest.New(t)
	mod := env.CreateUser("mod@example.eu", models.RoleModerator, true)
	require.Equal(t, http.StatusCreated, env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/schemes", Body: map[string]string{"slug": "x-scheme", "title": "X"}}).Code)
	path := "/api/v1/schemes/x-scheme/documents"
	jsonDraft := func(md string) apitest.Request {
		return apitest.Request{Method: http.MethodPost, Path: path, Body: map[string]string{"version_label": "1", "title": "T", "markdown": md}}
	}
	fileDraft := func(content []byte) apitest.Request {
		body, ct := multipartDraft(t, "draft.md", content, map[string]string{"version_label": "1", "title": "T"})
		return apitest.Request{Method: http.MethodPost, Path: path, Body: body, Headers: map[string]string{"Content-Type": ct}}
	}
	tests := []struct {
		name   string
		req    apitest.Request
		status int
		detail string
	}{
		{"no headings", jsonDraft("just a paragraph"), 422, "no headings"},
		{"a NUL byte in JSON", jsonDraft("## 1 A\ntext\n\u0000 here"), 422, "NUL byte"},
		{"duplicate numbers", jsonDraft("## 1 A\ntext\n## 2 B\n## 1 C\n"), 422, "lines 1 and 4"},
		{"not UTF-8", fileDraft([]byte("## 1 A\n\xff\xfe bad\n")), 422, "not valid UTF-8"},
		{"a PDF is not Markdown", fileDraft([]byte("%PDF-1.7\n\x00\x01binary")), 415, "not a Markdown text file"},
		{"too large", fileDraft(bytes.Repeat([]byte("## 1 A\n"), (models.MaxDraftBytes/7)+10)), 413, ""},
		{"form content type", apitest.Request{Method: http.MethodPost, Path: path, Body: "markdown=x", Headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}}, 415, ""},
		{"multipart without file", apitest.Request{Method: http.MethodPost, Path: path, Body: func() []byte {
			var b bytes.Buffer
			w := multipart.NewWriter(&b)
			_ = w.WriteField("version_label", "1")
			_ = w.Close()
			return b.Bytes()
		}(), Headers: map[string]string{"Content-Type": "multipart/form-data; boundary=" + "x"}}, 422, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := env.As(mod, tc.req)
			require.Equal(t, tc.status, rec.Code, rec.Body.String())
			assert.Contains(t, rec.Body.String(), tc.detail)
		})
	}
	rec := env.As(mod, jsonDraft("## 1 A\n## 1 B\n"))
	assert.Contains(t, rec.Body.String(), `"field":"markdown:line 2"`)
	stake := env.CreateUser("s@example.eu", models.RoleStakeholder, true)
	assert.Equal(t, http.StatusForbidden, env.As(stake, jsonDraft("## 1 A\n")).Code)
}

func TestVisibilityAndTheWindowBoundaryToTheSecond(t *testing.T) {
	env := apitest.New(t)
	mod := env.CreateUser("mod@example.eu", models.RoleModerator, true)
	stake := env.CreateUser("s@example.eu", models.RoleStakeholder, true)
	_, v4 := schemeWithDrafts(t, env, mod)
	opens := apitest.Start.Add(24 * time.Hour)
	closes := opens.Add(30 * 24 * time.Hour)
	rec := env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/consultations", Body: map[string]any{
		"document_id": v4.ID, "title": "Consultation on draft 0.4", "opens_at": opens.Format(time.RFC3339), "closes_at": closes.Format(time.RFC3339),
	}})
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var con struct {
		ID      string `json:"id"`
		Status  string `json:"status"`
		Version int    `json:"version"`
	}
	apitest.DecodeJSON(t, rec, &con)
	assert.Equal(t, "upcoming", con.Status)
	assert.Equal(t, 1, con.Version)

	docPath := "/api/v1/documents/" + v4.ID
	status := func() string {
		var c struct {
			Status string `json:"status"`
		}
		apitest.DecodeJSON(t, env.Get("/api/v1/consultations/"+con.ID), &c)
		return c.Status
	}
	tests := []struct {
		at                    time.Time
		status                string
		anonymous, stakeholer int
	}{
		{opens.Add(-time.Second), "upcoming", 404, 404},
		{opens, "open", 200, 200},
		{closes.Add(-time.Second), "open", 200, 200},
		{closes, "closed", 200, 200},
	}
	for _, tc := range tests {
		env.Clock.Set(tc.at)
		env.Login(mod) // access tokens last 15 minutes of the test clock
		env.Login(stake)
		assert.Equal(t, tc.status, status(), "status at %s", tc.at)
		assert.Equal(t, tc.anonymous, env.Get(docPath).Code, "anonymous reading at %s", tc.at)
		assert.Equal(t, tc.stakeholer, env.As(stake, apitest.Request{Method: http.MethodGet, Path: docPath}).Code, "stakeholder reading at %s", tc.at)
		assert.Equal(t, 200, env.As(mod, apitest.Request{Method: http.MethodGet, Path: docPath}).Code, "moderators read drafts always")
	}

	// The scheme page lists the document for the public only once a consultation opened.
	env.Clock.Set(opens.Add(-time.Second))
	env.Login(mod)
	var scheme struct {
		Documents []documentJSON `json:"documents"`
	}
	apitest.DecodeJSON(t, env.Get("/api/v1/schemes/mss"), &scheme)
	assert.Empty(t, scheme.Documents)
	apitest.DecodeJSON(t, env.As(mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/schemes/mss"}), &scheme)
	assert.Len(t, scheme.Documents, 2)

	for _, s := range []string{"upcoming", "open", "closed"} {
		rec := env.Get("/api/v1/consultations?status=" + s)
		require.Equal(t, http.StatusOK, rec.Code)
		assert.Equal(t, s == "upcoming", strings.Contains(rec.Body.String(), con.ID), s)
	}
	assert.Equal(t, http.StatusUnprocessableEntity, env.Get("/api/v1/consultations?status=later").Code)
}

func TestExtendingAConsultation(t *testing.T) {
	env := apitest.New(t)
	mod := env.CreateUser("mod@example.eu", models.RoleModerator, true)
	_, v4 := schemeWithDrafts(t, env, mod)
	opens, closes := apitest.Start.Add(-time.Hour), apitest.Start.Add(48*time.Hour)
	rec := env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/consultations", Body: map[string]any{
		"document_id": v4.ID, "title": "Open now", "opens_at": opens, "closes_at": closes,
	}})
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var con struct {
		ID       string    `json:"id"`
		ClosesAt time.Time `json:"closes_at"`
		Version  int       `json:"version"`
	}
	apitest.DecodeJSON(t, rec, &con)
	path := "/api/v1/consultations/" + con.ID
	patch := func(body map[string]any) *httptestRecorder {
		return env.As(mod, apitest.Request{Method: http.MethodPatch, Path: path, Body: body})
	}
	later := closes.Add(7 * 24 * time.Hour)
	rec = patch(map[string]any{"closes_at": later, "version": 1})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	apitest.DecodeJSON(t, rec, &con)
	assert.Equal(t, 2, con.Version)
	assert.True(t, con.ClosesAt.Equal(later))

	assert.Equal(t, http.StatusConflict, patch(map[string]any{"closes_at": later.Add(time.Hour), "version": 1}).Code, "stale version")
	assert.Equal(t, http.StatusUnprocessableEntity, patch(map[string]any{"closes_at": closes, "version": 2}).Code, "shortening an open window")
	assert.Equal(t, http.StatusUnprocessableEntity, patch(map[string]any{"closes_at": later}).Code, "version is required")
	assert.Equal(t, http.StatusUnprocessableEntity, patch(map[string]any{"closes_at": "next tuesday", "version": 2}).Code)

	var events []models.AuditEvent
	require.NoError(t, env.DB.Where("subject_id = ?", con.ID).Order("seq").Find(&events).Error)
	require.Len(t, events, 2)
	assert.Equal(t, "consultation.created", events[0].Action)
	assert.Equal(t, "consultation.changed", events[1].Action)

	env.Clock.Set(later)
	env.Login(mod)
	assert.Equal(t, http.StatusConflict, patch(map[string]any{"closes_at": later.Add(time.Hour), "version": 2}).Code, "closed windows do not change")

	rec = env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/consultations", Body: map[string]any{
		"document_id": v4.ID, "title": "Backwards", "opens_at": closes, "closes_at": opens,
	}})
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	rec = env.As(mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/consultations", Body: map[string]any{
		"document_id": v4.ID, "title": "NUL", "description": "a\u0000b", "opens_at": later.Add(time.Hour), "closes_at": later.Add(2 * time.Hour),
	}})
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code, "a NUL in the description")
}
