package handlers_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api"
	"consult/api/apitest"
	"consult/models"
)

// postReport sends POST /consultations/{id}/report as u, or anonymously when u is nil.
func (f *commentFixture) postReport(u *apitest.User) *httptestRecorder {
	r := apitest.Request{Method: http.MethodPost, Path: "/api/v1/consultations/" + f.consultationID + "/report"}
	if u == nil {
		return f.env.Do(r)
	}
	return f.env.As(u, r)
}

type reportAnswer struct {
	Version           int        `json:"version"`
	ReportPublishedAt *time.Time `json:"report_published_at"`
}

func TestPublishingTheDispositionReport(t *testing.T) {
	f, ids := exportFixture(t)
	base := "/api/v1/consultations/" + f.consultationID
	publicResolutions := func() map[string]int {
		t.Helper()
		var s models.Summary
		apitest.DecodeJSON(t, f.env.Get(base+"/summary"), &s)
		return s.ByResolution
	}
	reportEvents := func() int64 {
		var n int64
		require.NoError(t, f.env.DB.Model(&models.AuditEvent{}).Where("action = ? AND subject_id = ?", "consultation.report_published", f.consultationID).Count(&n).Error)
		return n
	}

	assert.Equal(t, http.StatusUnauthorized, f.postReport(nil).Code)
	assert.Equal(t, http.StatusForbidden, f.postReport(f.stake).Code)
	unknown := apitest.Request{Method: http.MethodPost, Path: "/api/v1/consultations/" + models.NewID() + "/report"}
	assert.Equal(t, http.StatusNotFound, f.env.As(f.mod, unknown).Code)

	rec := f.postReport(f.mod)
	require.Equal(t, http.StatusConflict, rec.Code, "the window is still open")
	assert.Equal(t, models.CodeConflict, problemCode(t, rec.Body.Bytes()))
	assert.Contains(t, rec.Body.String(), "open")

	f.env.Clock.Set(f.closes)
	f.env.Login(f.mod) // the first access token has expired by then
	rec = f.postReport(f.mod)
	require.Equal(t, http.StatusConflict, rec.Code, rec.Body.String())
	var p api.Problem
	require.NoError(t, jsonUnmarshal(rec.Body.Bytes(), &p))
	assert.Equal(t, models.CodeConflict, p.Code)
	assert.Contains(t, p.Detail, "2 published comment(s)")
	undecided := []string{ids[models.PublicAnonymous], ids[models.Confidential]}
	require.Len(t, p.Errors, len(undecided), "the published comments without a disposition, the confidential one accepted into the record too")
	for _, id := range undecided {
		var c models.Comment
		require.NoError(t, f.env.DB.Where("id = ?", id).Take(&c).Error)
		assert.Contains(t, rec.Body.String(), "comment "+c.TrackingNumber+" has no disposition")
	}
	assert.Equal(t, []string{"comments", "comments"}, fieldsOfProblem(t, rec.Body.Bytes()))
	assert.Empty(t, publicResolutions(), "nothing public while the report is not published")
	assert.Equal(t, []string{"", ""}, publicDispositions(t, f, base), "the public list carries no disposition yet")
	assert.NotContains(t, f.env.Get("/api/v1/comments/"+ids[models.PublicNamed]).Body.String(), "Changed to 18 hours.")
	assert.NotContains(t, f.env.Get(base+"/export?format=csv").Body.String(), ",resolution,response")
	assert.Zero(t, reportEvents())

	for _, id := range undecided {
		require.Equal(t, http.StatusOK, f.putDisposition(id, map[string]any{"resolution": "noted", "response": "Taken into account."}).Code)
	}
	publishedAt := f.env.Clock.Now().UTC()
	rec = f.postReport(f.mod)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var first reportAnswer
	apitest.DecodeJSON(t, rec, &first)
	require.NotNil(t, first.ReportPublishedAt)
	assert.True(t, first.ReportPublishedAt.Equal(publishedAt), "%v", first.ReportPublishedAt)
	assert.Equal(t, 2, first.Version)
	assert.Equal(t, int64(1), reportEvents())

	assert.Equal(t, map[string]int{"accepted": 1, "noted": 1}, publicResolutions(), "the confidential comment stays out of the public counts")
	assert.Equal(t, []string{"accepted", "noted"}, publicDispositions(t, f, base), "the public list carries each decision")
	assert.Contains(t, f.env.Get("/api/v1/comments/"+ids[models.PublicNamed]).Body.String(), `"response":"Changed to 18 hours."`, "and so does the comment")
	csvBody := f.env.Get(base + "/export?format=csv").Body.String()
	assert.Contains(t, csvBody, ",proposed_change,resolution,response,")
	assert.Contains(t, csvBody, ",next_clause_ref\n")
	assert.Contains(t, csvBody, ",accepted,Changed to 18 hours.,")
	assert.Contains(t, csvBody, ",noted,Taken into account.,")
	assert.Contains(t, f.env.Get(base+"/export?format=json").Body.String(), `"response":"Taken into account."`)

	var shown reportAnswer
	apitest.DecodeJSON(t, f.env.Get(base), &shown)
	assert.True(t, shown.ReportPublishedAt.Equal(publishedAt), "GET shows when the report was published")

	f.env.Clock.Set(f.closes.Add(time.Minute))
	rec = f.postReport(f.mod)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var again reportAnswer
	apitest.DecodeJSON(t, rec, &again)
	assert.True(t, again.ReportPublishedAt.Equal(publishedAt), "a second call keeps the first time")
	assert.Equal(t, 2, again.Version, "and changes nothing")
	assert.Equal(t, int64(1), reportEvents())

	rec = f.putDisposition(ids[models.PublicNamed], map[string]any{"resolution": "not_accepted", "response": "Changed my mind.", "version": 1})
	assert.Equal(t, http.StatusConflict, rec.Code, "a published report is final: %s", rec.Body.String())
	assert.Contains(t, rec.Body.String(), "report of this consultation was published")
	rec = f.moderate(f.mod, ids["rejected"], map[string]any{"action": "publish", "version": 2})
	assert.Equal(t, http.StatusConflict, rec.Code, "no comment joins the record after the report: %s", rec.Body.String())
	assert.Contains(t, f.env.Get(base+"/export?format=csv").Body.String(), ",accepted,Changed to 18 hours.,", "the report stays as published")
}

func TestAConsultationShowsNoReportUntilOneIsPublished(t *testing.T) {
	f := newCommentFixture(t)
	rec := f.env.Get("/api/v1/consultations/" + f.consultationID)
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), `"report_published_at":null`)
}

// publicDispositions lists the resolution of each comment of the public list ("" for none).
func publicDispositions(t *testing.T, f *commentFixture, base string) []string {
	t.Helper()
	var list struct {
		Items []struct {
			Disposition *struct {
				Resolution string `json:"resolution"`
			} `json:"disposition"`
		} `json:"items"`
	}
	apitest.DecodeJSON(t, f.env.Get(base+"/comments"), &list)
	out := make([]string, 0, len(list.Items))
	for _, it := range list.Items {
		if it.Disposition == nil {
			out = append(out, "")
		} else {
			out = append(out, it.Disposition.Resolution)
		}
	}
	return out
}
