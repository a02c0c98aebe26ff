package handlers_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"consult/api"
	"consult/api/apitest"
	"consult/models"
)

// redactedFixture has one published comment whose body and proposed change each carry personal
// data that a moderator redacted, in two separate decisions.
func redactedFixture(t *testing.T) (*commentFixture, string) {
	f := newCommentFixture(t)
	id := f.create(t, f.stake, map[string]any{
		"body":            "Twelve hours is too short; ring Jana Novakova on extension 4711 to discuss.",
		"proposed_change": "Use 24 hours, as agreed with inspector Kowalczyk of the Sejm.",
	})
	rec := f.moderate(f.mod, id, map[string]any{"action": "redact", "reason_code": "personal_data",
		"redacted_proposed_change": "Use 24 hours, as agreed with [withheld].", "version": 1})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	rec = f.moderate(f.mod, id, map[string]any{"action": "redact", "reason_code": "personal_data",
		"redacted_body": "Twelve hours is too short; ring [blanked] to discuss.", "version": 2})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	return f, id
}

// originals are words only in the texts as written; redactions only in the texts as redacted.
var (
	originals  = []string{"Novakova", "4711", "Kowalczyk", "Sejm"}
	redactions = []string{"[withheld]", "[blanked]"}
)

func TestRedactionCoversBothTextsInEveryPublicAnswer(t *testing.T) {
	f, id := redactedFixture(t)
	assertPublic := func(t *testing.T, what, body string) {
		t.Helper()
		for _, w := range redactions {
			assert.Contains(t, body, w, "%s shows the redacted texts", what)
		}
		for _, w := range originals {
			assert.NotContains(t, body, w, "%s hides the original texts", what)
		}
	}
	assertPublic(t, "the public comment", f.env.Get("/api/v1/comments/"+id).Body.String())
	assertPublic(t, "a signed-in stranger's view", f.env.As(f.env.CreateUser("other@example.eu", models.RoleStakeholder, true),
		apitest.Request{Method: http.MethodGet, Path: "/api/v1/comments/" + id}).Body.String())
	assertPublic(t, "the public list", f.env.Get("/api/v1/consultations/"+f.consultationID+"/comments").Body.String())

	f.env.Clock.Set(f.closes)
	f.env.Login(f.mod)
	f.env.Login(f.stake)
	path := "/api/v1/consultations/" + f.consultationID + "/export?format="
	for _, format := range []string{"csv", "json"} {
		rec := f.env.Get(path + format)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		assertPublic(t, "the public "+format+" export", rec.Body.String())
	}
	rec := f.env.Get(path + "xlsx")
	require.Equal(t, http.StatusOK, rec.Code)
	book, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	require.NoError(t, err)
	defer book.Close()
	sheet, err := book.GetRows("Comments")
	require.NoError(t, err)
	var cells []string
	for _, row := range sheet {
		cells = append(cells, row...)
	}
	assertPublic(t, "the public xlsx export", strings.Join(cells, "\n"))

	// Staff and the author keep the originals beside the redacted texts.
	for _, u := range []*apitest.User{f.mod, f.stake} {
		rec := f.env.As(u, apitest.Request{Method: http.MethodGet, Path: "/api/v1/comments/" + id})
		require.Equal(t, http.StatusOK, rec.Code)
		var v struct {
			Body                   string  `json:"body"`
			ProposedChange         string  `json:"proposed_change"`
			RedactedBody           *string `json:"redacted_body"`
			RedactedProposedChange *string `json:"redacted_proposed_change"`
		}
		apitest.DecodeJSON(t, rec, &v)
		assert.Contains(t, v.Body, "Novakova", u.Email)
		assert.Contains(t, v.ProposedChange, "Kowalczyk", u.Email)
		require.NotNil(t, v.RedactedBody, u.Email)
		require.NotNil(t, v.RedactedProposedChange, "%s sees the redacted proposed change", u.Email)
		assert.Equal(t, "Twelve hours is too short; ring [blanked] to discuss.", *v.RedactedBody)
		assert.Equal(t, "Use 24 hours, as agreed with [withheld].", *v.RedactedProposedChange, "the second redaction kept the first")
	}
	rec = f.env.As(f.mod, apitest.Request{Method: http.MethodGet, Path: path + "csv&scope=all"})
	require.Equal(t, http.StatusOK, rec.Code)
	for _, w := range append(originals, redactions...) {
		assert.Contains(t, rec.Body.String(), w, "the full export carries both versions")
	}
	var c models.Comment
	require.NoError(t, f.env.DB.Where("id = ?", id).Take(&c).Error)
	var events []models.AuditEvent
	require.NoError(t, f.env.DB.Where("subject_id = ? AND action = ?", id, "comment.redact").Order("seq").Find(&events).Error)
	require.Len(t, events, 2)
	assert.Contains(t, events[0].AfterJSON, "[withheld]", "the audit trail records the redacted proposed change")
}

// fieldsOfProblem names the fields a problem answer lists as invalid.
func fieldsOfProblem(t *testing.T, body []byte) []string {
	t.Helper()
	var p api.Problem
	require.NoError(t, jsonUnmarshal(body, &p))
	var out []string
	for _, e := range p.Errors {
		out = append(out, e.Field)
	}
	return out
}

// publicSearch returns the ids the public list gives for a full-text query.
func (f *commentFixture) publicSearch(t *testing.T, q string) []string {
	t.Helper()
	rec := f.env.Get("/api/v1/consultations/" + f.consultationID + "/comments?q=" + url.QueryEscape(q))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var out struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	apitest.DecodeJSON(t, rec, &out)
	ids := []string{}
	for _, it := range out.Items {
		ids = append(ids, it.ID)
	}
	return ids
}

func TestSearchFindsTheRedactedTextsNeverTheRemovedWords(t *testing.T) {
	f, id := redactedFixture(t)
	plain := f.create(t, f.stake, map[string]any{"body": "Twelve hours is too short.", "proposed_change": "Use 24 hours."})
	require.Equal(t, http.StatusOK, f.moderate(f.mod, plain, map[string]any{"action": "publish", "version": 1}).Code)

	for _, w := range originals {
		assert.Empty(t, f.publicSearch(t, w), "a word only in the original (%s) finds nothing", w)
	}
	assert.Equal(t, []string{id}, f.publicSearch(t, "withheld"), "a word of the redacted proposed change")
	assert.Equal(t, []string{id}, f.publicSearch(t, "blanked discuss"), "words of the redacted body")
	assert.Equal(t, []string{id, plain}, f.publicSearch(t, "twelve"), "a word kept by the redaction")

	// A redaction of a comment that was already published re-indexes it at once.
	rec := f.moderate(f.mod, plain, map[string]any{"action": "redact", "redacted_proposed_change": "Use [a longer deadline].", "version": 2})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, []string{id}, f.publicSearch(t, "24"))
	assert.Equal(t, []string{plain}, f.publicSearch(t, "longer deadline"))
}

func TestMigrationReindexesCommentsRedactedBeforeIt(t *testing.T) {
	f := newCommentFixture(t)
	id := f.create(t, f.stake, map[string]any{"body": "Ring Jana Novakova about the deadline."})
	rec := f.moderate(f.mod, id, map[string]any{"action": "redact", "redacted_body": "Ring [blanked] about the deadline.", "version": 1})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())

	ctx := context.Background()
	m, err := f.env.DB.NewMigrator(false)
	require.NoError(t, err)
	require.NoError(t, m.DownTo(ctx, 10), "back to the schema whose index held the originals")
	_, err = m.Up(ctx)
	require.NoError(t, err)

	assert.Empty(t, f.publicSearch(t, "Novakova"), "the existing row is re-indexed with its redacted text")
	assert.Equal(t, []string{id}, f.publicSearch(t, "blanked"))
	assert.Equal(t, []string{id}, f.publicSearch(t, "deadline"))
}

func TestRedactionNamesOneOrBothTexts(t *testing.T) {
	f := newCommentFixture(t)
	tests := []struct {
		name   string
		action map[string]any
		want   int
		field  string
	}{
		{"neither text", map[string]any{}, http.StatusUnprocessableEntity, "redacted_body"},
		{"an empty proposed change", map[string]any{"redacted_proposed_change": " "}, http.StatusUnprocessableEntity, "redacted_proposed_change"},
		{"an empty body", map[string]any{"redacted_body": "", "redacted_proposed_change": "Shorter."}, http.StatusUnprocessableEntity, "redacted_body"},
		{"a proposed change with a control character", map[string]any{"redacted_proposed_change": "a\x00b"}, http.StatusUnprocessableEntity, "redacted_proposed_change"},
		{"a too long proposed change", map[string]any{"redacted_proposed_change": strings.Repeat("x", models.MaxCommentBody+1)}, http.StatusUnprocessableEntity, "redacted_proposed_change"},
		{"the proposed change only", map[string]any{"redacted_proposed_change": "Use [a longer deadline]."}, http.StatusOK, ""},
		{"the body only", map[string]any{"redacted_body": "Too [short]."}, http.StatusOK, ""},
		{"both", map[string]any{"redacted_body": "Too [short].", "redacted_proposed_change": "Use [more]."}, http.StatusOK, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id := f.create(t, f.stake, nil)
			tc.action["action"], tc.action["version"] = "redact", 1
			rec := f.moderate(f.mod, id, tc.action)
			require.Equal(t, tc.want, rec.Code, rec.Body.String())
			var c models.Comment
			require.NoError(t, f.env.DB.Where("id = ?", id).Take(&c).Error)
			if tc.field != "" {
				assert.Contains(t, fieldsOfProblem(t, rec.Body.Bytes()), tc.field)
				assert.Equal(t, models.CommentSubmitted, c.Status)
				return
			}
			assert.Equal(t, models.CommentPublished, c.Status)
			_, body := tc.action["redacted_body"]
			_, change := tc.action["redacted_proposed_change"]
			assert.Equal(t, body, c.RedactedBody != nil, "a text not named stays unredacted")
			assert.Equal(t, change, c.RedactedProposedChange != nil)
		})
	}
}

func TestBulkAndClusterModerationRedactTheProposedChange(t *testing.T) {
	f := newCommentFixture(t)
	var ids []string
	for _, name := range []string{"Anna", "Bruno", "Chiara"} {
		ids = append(ids, f.create(t, f.stake, map[string]any{"body": letter + ", " + name + ".", "proposed_change": "Call " + name + " Kowalczyk on 4711."}))
	}
	rec := f.env.As(f.mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/moderation/bulk", Body: map[string]any{
		"action": "redact", "redacted_proposed_change": "Call [withheld].", "items": []map[string]any{{"id": ids[0], "version": 1}},
	}})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Contains(t, rec.Body.String(), `"status":200`)

	rec = f.env.As(f.mod, apitest.Request{Method: http.MethodPost, Path: "/api/v1/consultations/" + f.consultationID + "/clusters/" + ids[0] + "/moderation",
		Body: map[string]any{"action": "redact", "redacted_proposed_change": "Call [withheld]."}})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, 2, strings.Count(rec.Body.String(), `"status":200`), "the two members still waiting: %s", rec.Body.String())

	list := f.env.Get("/api/v1/consultations/" + f.consultationID + "/comments").Body.String()
	assert.Equal(t, 3, strings.Count(list, "Call [withheld]."))
	assert.NotContains(t, list, "Kowalczyk")
	assert.Empty(t, f.publicSearch(t, "Kowalczyk"))
}
