package handlers_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/internal/database"
	"consult/internal/testutil"
	"consult/models"
)

// openConsultation makes the MSS scheme with v0.4 under a consultation open from opens to closes.
type commentFixture struct {
	env            *apitest.Env
	mod, stake     *apitest.User
	consultationID string
	clause341      string
	opens, closes  time.Time
}

func newCommentFixture(t *testing.T) *commentFixture {
	return newCommentFixtureIn(t, apitest.New(t))
}

// newCommentFixtureIn builds the fixture in env.
func newCommentFixtureIn(t testing.TB, env *apitest.Env) *commentFixture {
	f := &commentFixture{env: env, mod: env.CreateUser("mod@example.eu", models.RoleModerator, true),
		stake: env.CreateUser("stake@example.eu", models.RoleStakeholder, true)}
	_, v4 := schemeWithDrafts(t, env, f.mod)
	f.clause341 = v4.Clauses[2].Children[3].Children[0].ID
	f.opens, f.closes = apitest.Start.Add(-time.Hour), apitest.Start.Add(72*time.Hour)
	rec := env.As(f.mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/consultations", Body: map[string]any{
		"document_id": v4.ID, "title": "Consultation on the MSS draft", "opens_at": f.opens, "closes_at": f.closes,
	}})
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var con struct {
		ID string `json:"id"`
	}
	apitest.DecodeJSON(t, rec, &con)
	f.consultationID = con.ID
	return f
}

func (f *commentFixture) submit(u *apitest.User, body map[string]any, headers map[string]string) *httptestRecorder {
	return f.env.As(u, apitest.Request{Method: http.MethodPost, Path: "/api/v1/consultations/" + f.consultationID + "/comments", Body: body, Headers: headers})
}

func goodComment(clauseID string) map[string]any {
	return map[string]any{
		"clause_id": clauseID, "comment_type": "technical", "body": "Twelve hours is too short for small providers.",
		"proposed_change": "Use 24 hours for providers with fewer than 50 staff.", "publication": "public_named", "language": "en",
		"quote": map[string]string{"exact": "within 12 hours", "prefix": "in any event ", "suffix": " of becoming aware"},
	}
}

func TestSubmitACommentAndGetAReceipt(t *testing.T) {
	f := newCommentFixture(t)
	rec := f.submit(f.stake, goodComment(f.clause341), nil)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var c struct {
		ID             string `json:"id"`
		Status         string `json:"status"`
		TrackingNumber string `json:"tracking_number"`
		Version        int    `json:"version"`
	}
	apitest.DecodeJSON(t, rec, &c)
	assert.Equal(t, "submitted", c.Status)
	assert.Regexp(t, trackingNumberPattern, c.TrackingNumber)
	first := c.TrackingNumber
	assert.Equal(t, 1, c.Version)
	m, _ := f.env.LastMailTo(t, "stake@example.eu")
	assert.Equal(t, "Comment received: "+first, m.Subject)
	assert.Contains(t, m.BodyText, "Twelve hours is too short")

	rec = f.submit(f.stake, map[string]any{"comment_type": "general", "body": "A general remark.", "publication": "public_anonymous"}, nil)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	apitest.DecodeJSON(t, rec, &c)
	assert.Regexp(t, trackingNumberPattern, c.TrackingNumber)
	assert.NotEqual(t, first, c.TrackingNumber)

	rec = f.env.As(f.stake, apitest.Request{Method: http.MethodGet, Path: "/api/v1/me/comments"})
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, 2, strings.Count(rec.Body.String(), `"tracking_number"`))
}

func TestCommentWindowToTheSecond(t *testing.T) {
	f := newCommentFixture(t)
	tests := []struct {
		at   time.Time
		want int
	}{
		{f.opens.Add(-time.Second), http.StatusConflict},
		{f.opens, http.StatusCreated},
		{f.closes.Add(-time.Second), http.StatusCreated},
		{f.closes, http.StatusConflict},
	}
	for _, tc := range tests {
		f.env.Clock.Set(tc.at)
		f.env.Login(f.stake)
		rec := f.submit(f.stake, goodComment(f.clause341), nil)
		assert.Equal(t, tc.want, rec.Code, "at %s: %s", tc.at, rec.Body.String())
		if tc.want == http.StatusConflict {
			assert.Equal(t, models.CodeConsultationNotOpen, problemCode(t, rec.Body.Bytes()))
		}
	}
}

func TestCommentValidation(t *testing.T) {
	f := newCommentFixture(t)
	unverified := f.env.CreateUser("new@example.eu", models.RoleStakeholder, false)
	rec := f.submit(unverified, goodComment(f.clause341), nil)
	assert.Equal(t, http.StatusForbidden, rec.Code)
	assert.Equal(t, models.CodeEmailNotVerified, problemCode(t, rec.Body.Bytes()))

	tests := []struct {
		name  string
		set   map[string]any
		field string
	}{
		{"status is not settable", map[string]any{"status": "published"}, "status"},
		{"tracking number is not settable", map[string]any{"tracking_number": "X-1"}, "tracking_number"},
		{"author is not settable", map[string]any{"author": "someone"}, "author"},
		{"empty body", map[string]any{"body": "  "}, "body"},
		{"body too long", map[string]any{"body": strings.Repeat("é", 20001)}, "body"},
		{"bad type", map[string]any{"comment_type": "angry"}, "comment_type"},
		{"bad publication", map[string]any{"publication": "everyone"}, "publication"},
		{"quote not in clause", map[string]any{"quote": map[string]string{"exact": "within 48 hours"}}, "quote.exact"},
		{"clause of another document", map[string]any{"clause_id": models.NewID()}, "clause_id"},
		{"quote without clause", map[string]any{"clause_id": nil}, "quote"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := goodComment(f.clause341)
			for k, v := range tc.set {
				body[k] = v
			}
			rec := f.submit(f.stake, body, nil)
			require.Equal(t, http.StatusUnprocessableEntity, rec.Code, rec.Body.String())
			assert.Contains(t, rec.Body.String(), `"field":"`+tc.field+`"`)
		})
	}
	var n int64
	f.env.DB.Model(&models.Comment{}).Count(&n)
	assert.Zero(t, n, "nothing refused was stored")
}

func TestCommentTextRoundTripsInEveryScriptAndStaysInert(t *testing.T) {
	f := newCommentFixture(t)
	texts := []string{
		"Ελληνικά: η προθεσμία είναι σύντομη.", "Български: срокът е кратък.", "Polski: zażółć gęślą jaźń.",
		"Deutsch: Größenordnung, Straße.", "Gaeilge: tá an spriocdháta gearr.", "Malti: għandna bżonn ħin.",
		"Emoji and combining: e\u0301 🇪🇺", "<script>alert('x')</script>", `"><img src=x onerror=alert(1)>`,
		"[click](javascript:alert(1))", "line one\r\nline two\ttabbed",
	}
	for _, text := range texts {
		body := goodComment(f.clause341)
		body["body"], body["proposed_change"], body["paragraph_ref"] = text, text, text
		if strings.ContainsAny(text, "\r\n\t") {
			body["paragraph_ref"] = "Table 2" // a one-line reference
		}
		body["quote"] = map[string]string{"exact": "within 12 hours", "prefix": text, "suffix": text}
		rec := f.submit(f.stake, body, nil)
		require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
		var c struct {
			ID             string `json:"id"`
			Body           string `json:"body"`
			ProposedChange string `json:"proposed_change"`
			ParagraphRef   string `json:"paragraph_ref"`
			Quote          struct {
				Prefix string `json:"prefix"`
				Suffix string `json:"suffix"`
			} `json:"quote"`
		}
		apitest.DecodeJSON(t, rec, &c)
		assert.Equal(t, text, c.Body)
		rec = f.env.As(f.stake, apitest.Request{Method: http.MethodGet, Path: "/api/v1/comments/" + c.ID})
		require.Equal(t, http.StatusOK, rec.Code)
		assert.Equal(t, "application/json", strings.Split(rec.Header().Get("Content-Type"), ";")[0])
		assert.NotContains(t, rec.Body.String(), "<script>", "HTML is escaped inside JSON")
		apitest.DecodeJSON(t, rec, &c)
		assert.Equal(t, text, c.Body)
		assert.Equal(t, text, c.ProposedChange)
		assert.Equal(t, text, c.Quote.Prefix)
		assert.Equal(t, text, c.Quote.Suffix)
		if !strings.ContainsAny(text, "\r\n\t") {
			assert.Equal(t, text, c.ParagraphRef)
		}
	}
}

func TestOthersCannotReadAnUnpublishedComment(t *testing.T) {
	f := newCommentFixture(t)
	rec := f.submit(f.stake, goodComment(f.clause341), nil)
	require.Equal(t, http.StatusCreated, rec.Code)
	var c struct {
		ID string `json:"id"`
	}
	apitest.DecodeJSON(t, rec, &c)
	other := f.env.CreateUser("other@example.eu", models.RoleStakeholder, true)
	assert.Equal(t, http.StatusNotFound, f.env.As(other, apitest.Request{Method: http.MethodGet, Path: "/api/v1/comments/" + c.ID}).Code)
	assert.Equal(t, http.StatusNotFound, f.env.Get("/api/v1/comments/"+c.ID).Code)
	assert.Equal(t, http.StatusOK, f.env.As(f.mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/comments/" + c.ID}).Code)
	rec = f.env.As(other, apitest.Request{Method: http.MethodGet, Path: "/api/v1/me/comments"})
	assert.NotContains(t, rec.Body.String(), c.ID)
}

func TestPublishedCommentsShowOnlyWhatThePublicationChoiceAllows(t *testing.T) {
	f := newCommentFixture(t)
	ids := map[string]string{}
	for _, pub := range []string{models.PublicNamed, models.PublicAnonymous, models.Confidential} {
		body := goodComment(f.clause341)
		body["publication"] = pub
		rec := f.submit(f.stake, body, nil)
		require.Equal(t, http.StatusCreated, rec.Code)
		var c struct {
			ID string `json:"id"`
		}
		apitest.DecodeJSON(t, rec, &c)
		ids[pub] = c.ID
	}
	for _, id := range ids {
		require.Equal(t, http.StatusOK, f.moderate(f.mod, id, map[string]any{"action": "publish", "version": 1}).Code)
	}

	rec := f.env.Get("/api/v1/comments/" + ids[models.PublicNamed])
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), `"display_name":"Test stakeholder"`)
	assert.Contains(t, rec.Body.String(), `"organisation":"Test Org"`)
	assert.NotContains(t, rec.Body.String(), "stake@example.eu")

	rec = f.env.Get("/api/v1/comments/" + ids[models.PublicAnonymous])
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), `"display_name":null`)
	assert.Contains(t, rec.Body.String(), `"organisation":null`)
	assert.Contains(t, rec.Body.String(), `"stakeholder_type":"company"`)
	assert.Contains(t, rec.Body.String(), `"country":"BE"`)
	assert.NotContains(t, rec.Body.String(), "Test Org")
	assert.NotContains(t, rec.Body.String(), "stake@example.eu")

	assert.Equal(t, http.StatusNotFound, f.env.Get("/api/v1/comments/"+ids[models.Confidential]).Code)

	// The heat map counts published, non-confidential comments per clause.
	var doc struct {
		Clauses []clauseWithCount `json:"clauses"`
	}
	var con struct {
		DocumentID string `json:"document_id"`
	}
	apitest.DecodeJSON(t, f.env.Get("/api/v1/consultations/"+f.consultationID), &con)
	apitest.DecodeJSON(t, f.env.Get("/api/v1/documents/"+con.DocumentID), &doc)
	assert.Equal(t, 2, doc.Clauses[2].Children[3].Children[0].CommentCount)
	assert.Equal(t, 0, doc.Clauses[0].CommentCount)
}

type clauseWithCount struct {
	CommentCount int               `json:"comment_count"`
	Children     []clauseWithCount `json:"children"`
}

func TestIdempotentSubmission(t *testing.T) {
	f := newCommentFixture(t)
	key := map[string]string{"Idempotency-Key": "retry-123"}
	first := f.submit(f.stake, goodComment(f.clause341), key)
	require.Equal(t, http.StatusCreated, first.Code, first.Body.String())
	again := f.submit(f.stake, goodComment(f.clause341), key)
	require.Equal(t, http.StatusCreated, again.Code)
	assert.Equal(t, first.Body.String(), again.Body.String())
	assert.Equal(t, "true", again.Header().Get("Idempotent-Replayed"))

	other := goodComment(f.clause341)
	other["body"] = "A different comment."
	rec := f.submit(f.stake, other, key)
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	assert.Equal(t, models.CodeIdempotencyKeyReused, problemCode(t, rec.Body.Bytes()))

	// Keys belong to their user: another stakeholder's same key is a new request.
	second := f.env.CreateUser("second@example.eu", models.RoleStakeholder, true)
	assert.Equal(t, http.StatusCreated, f.submit(second, goodComment(f.clause341), key).Code)

	var n int64
	f.env.DB.Model(&models.Comment{}).Count(&n)
	assert.Equal(t, int64(2), n)
}

func TestIdempotentSubmissionUnderConcurrency(t *testing.T) {
	f := newCommentFixture(t)
	const parallel = 8
	var wg sync.WaitGroup
	bodies := make([]string, parallel)
	codes := make([]int, parallel)
	for i := range parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := f.submit(f.stake, goodComment(f.clause341), map[string]string{"Idempotency-Key": "same-key"})
			codes[i], bodies[i] = rec.Code, rec.Body.String()
		}()
	}
	wg.Wait()
	for i := range parallel {
		assert.Equal(t, http.StatusCreated, codes[i], bodies[i])
		assert.Equal(t, bodies[0], bodies[i])
	}
	var n int64
	f.env.DB.Model(&models.Comment{}).Count(&n)
	assert.Equal(t, int64(1), n)
}

// TestIdempotencyAcrossTwoServerProcesses runs two routers, each with its own connection pool, on
// one database (as two server processes behind a load balancer) and sends the same keyed request
// to both at once: one comment is created and both answer the same.
func TestIdempotencyAcrossTwoServerProcesses(t *testing.T) {
	first, dbURL := testutil.NewEmptyDBWithURL(t)
	m, err := first.NewMigrator(false)
	require.NoError(t, err)
	_, err = m.Up(t.Context())
	require.NoError(t, err)
	second, err := database.Open(dbURL, nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = second.Close() })

	a := apitest.NewWithDB(t, first)
	b := apitest.NewWithDB(t, second)
	f := &commentFixture{env: a, mod: a.CreateUser("mod@example.eu", models.RoleModerator, true), stake: a.CreateUser("stake@example.eu", models.RoleStakeholder, true)}
	_, v4 := schemeWithDrafts(t, a, f.mod)
	f.clause341 = v4.Clauses[2].Children[3].Children[0].ID
	rec := a.As(f.mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/consultations", Body: map[string]any{
		"document_id": v4.ID, "title": "Open", "opens_at": apitest.Start.Add(-time.Hour), "closes_at": apitest.Start.Add(time.Hour)}})
	require.Equal(t, http.StatusCreated, rec.Code)
	var con struct {
		ID string `json:"id"`
	}
	apitest.DecodeJSON(t, rec, &con)

	var wg sync.WaitGroup
	bodies := make([]string, 6)
	codes := make([]int, 6)
	for i := range 6 {
		env := a
		if i%2 == 1 {
			env = b
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := env.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/consultations/" + con.ID + "/comments", Body: goodComment(f.clause341),
				Headers: map[string]string{"Authorization": "Bearer " + f.stake.AccessToken, "Idempotency-Key": "two-servers"}})
			codes[i], bodies[i] = r.Code, r.Body.String()
		}()
	}
	wg.Wait()
	for i := range 6 {
		assert.Equal(t, http.StatusCreated, codes[i], bodies[i])
		assert.Equal(t, bodies[0], bodies[i])
	}
	var n int64
	a.DB.Model(&models.Comment{}).Count(&n)
	assert.Equal(t, int64(1), n)
}
