package handlers_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/models"
)

// TestClauseCountsFollowEveryChange: the heat map's per-clause count is kept as comments change,
// not computed on each read, so each change that can move it is checked in turn: publish, redact,
// reject, withdraw and the erasure of an author's account.
func TestClauseCountsFollowEveryChange(t *testing.T) {
	f := newCommentFixture(t)
	other := f.env.CreateUser("other@example.eu", models.RoleStakeholder, true)
	submit := func(u *apitest.User, publication string) string {
		body := goodComment(f.clause341)
		body["publication"] = publication
		rec := f.submit(u, body, nil)
		require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
		var c struct {
			ID string `json:"id"`
		}
		apitest.DecodeJSON(t, rec, &c)
		return c.ID
	}
	first, second, withdrawn := submit(f.stake, models.PublicNamed), submit(other, models.PublicAnonymous), submit(f.stake, models.PublicNamed)
	secret := submit(f.stake, models.Confidential)

	steps := []struct {
		name string
		do   func() *httptestRecorder
		want int
	}{
		{"publish", func() *httptestRecorder {
			return f.moderate(f.mod, first, map[string]any{"action": "publish", "version": 1})
		}, 1},
		{"a confidential comment is never counted", func() *httptestRecorder {
			return f.moderate(f.mod, secret, map[string]any{"action": "publish", "version": 1})
		}, 1},
		{"redact publishes the redacted text", func() *httptestRecorder {
			return f.moderate(f.mod, second, map[string]any{"action": "redact", "version": 1, "reason_code": "personal_data",
				"redacted_body": "Twelve hours is too short."})
		}, 2},
		{"reject takes a published comment out", func() *httptestRecorder {
			return f.moderate(f.mod, first, map[string]any{"action": "reject", "version": 2, "reason_code": "off_topic"})
		}, 1},
		{"withdraw a comment still waiting", func() *httptestRecorder {
			return f.env.As(f.stake, apitest.Request{Method: http.MethodDelete, Path: "/api/v1/comments/" + withdrawn})
		}, 1},
		{"erasure keeps the published comment, without its author", func() *httptestRecorder {
			return f.env.As(other, apitest.Request{Method: http.MethodDelete, Path: "/api/v1/me"})
		}, 1},
	}
	for _, step := range steps {
		rec := step.do()
		require.Less(t, rec.Code, 300, "%s: %s", step.name, rec.Body.String())
		assert.Equal(t, step.want, f.clauseCount(t), step.name)
	}
}

// clauseCount reads the public count of clause 3.4.1 from the document.
func (f *commentFixture) clauseCount(t *testing.T) int {
	t.Helper()
	var con struct {
		DocumentID string `json:"document_id"`
	}
	apitest.DecodeJSON(t, f.env.Get("/api/v1/consultations/"+f.consultationID), &con)
	var doc struct {
		Clauses []clauseWithCount `json:"clauses"`
	}
	apitest.DecodeJSON(t, f.env.Get("/api/v1/documents/"+con.DocumentID), &doc)
	return doc.Clauses[2].Children[3].Children[0].CommentCount
}
