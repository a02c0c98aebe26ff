package handlers_test

import (
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/models"
)

// get sends a GET as u, or anonymously when u is nil.
func (f *commentFixture) get(u *apitest.User, path string) *httptestRecorder {
	if u == nil {
		return f.env.Get(path)
	}
	return f.env.As(u, apitest.Request{Method: http.MethodGet, Path: path})
}

// publishReport marks the disposition report published directly, whatever the dispositions, so
// that visibility tests can look at a report the POST /report rule would refuse (comments still
// without one); consultation_report_test.go tests the route itself.
func (f *commentFixture) publishReport(t *testing.T) {
	t.Helper()
	require.NoError(t, f.env.DB.Model(&models.Consultation{}).Where("id = ?", f.consultationID).
		Update("report_published_at", f.env.Clock.Now()).Error)
}

func TestPublicSeesResolutionsOnlyOnceTheReportIsPublished(t *testing.T) {
	f, _ := exportFixture(t)
	summary := func(u *apitest.User, query string) models.Summary {
		t.Helper()
		var s models.Summary
		rec := f.get(u, "/api/v1/consultations/"+f.consultationID+"/summary"+query)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		apitest.DecodeJSON(t, rec, &s)
		return s
	}
	exportRows := func() []map[string]string {
		t.Helper()
		rec := f.env.Get("/api/v1/consultations/" + f.consultationID + "/export?format=csv")
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		assert.NotContains(t, rec.Body.String(), "Changed to 18 hours.", "no response before the report")
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(rec.Body.String(), "\ufeff"))).ReadAll()
		require.NoError(t, err)
		var out []map[string]string
		for _, r := range rows[1:] {
			m := map[string]string{}
			for i, h := range rows[0] {
				m[h] = r[i]
			}
			out = append(out, m)
		}
		return out
	}

	assert.Empty(t, summary(nil, "").ByResolution, "no resolution counts before the report is published")
	assert.Empty(t, summary(f.mod, "?scope=public").ByResolution, "the public scope is what the public sees")
	assert.Equal(t, map[string]int{"accepted": 1, "none_yet": 3}, summary(f.mod, "").ByResolution, "staff always see them")
	f.env.Clock.Set(f.closes)
	for _, row := range exportRows() {
		assert.NotContains(t, row, "resolution", "no dispositions before the report is published")
		assert.NotContains(t, row, "response")
	}
	for _, format := range []string{"json", "xlsx"} {
		rec := f.env.Get("/api/v1/consultations/" + f.consultationID + "/export?format=" + format)
		require.Equal(t, http.StatusOK, rec.Code)
		assert.NotContains(t, rec.Body.String(), "Changed to 18 hours.", format)
	}

	f.publishReport(t)
	assert.Equal(t, map[string]int{"accepted": 1, "none_yet": 1}, summary(nil, "").ByResolution)
	rec := f.env.Get("/api/v1/consultations/" + f.consultationID + "/export?format=json")
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), `"response":"Changed to 18 hours."`)
	body := f.env.Get("/api/v1/consultations/" + f.consultationID + "/export?format=csv").Body.String()
	assert.Contains(t, body, ",proposed_change,resolution,response,")
	assert.Contains(t, body, ",next_clause_ref\n")
	assert.Contains(t, body, ",accepted,Changed to 18 hours.,")
}

func TestPublicExportBeforeTheWindowClosesIsNotYetPublic(t *testing.T) {
	f, _ := exportFixture(t)
	path := "/api/v1/consultations/" + f.consultationID + "/export?format=csv"
	for _, u := range []*apitest.User{nil, f.stake} {
		rec := f.get(u, path)
		require.Equal(t, http.StatusConflict, rec.Code)
		assert.Equal(t, models.CodeNotYetPublic, problemCode(t, rec.Body.Bytes()))
	}
	f.env.Clock.Set(f.closes)
	assert.Equal(t, http.StatusOK, f.env.Get(path).Code)
}

func TestScopeIsParsedNeverGuessed(t *testing.T) {
	f, _ := exportFixture(t)
	f.env.Clock.Set(f.closes)
	f.env.Login(f.mod)
	base := "/api/v1/consultations/" + f.consultationID
	for _, path := range []string{"/summary?scope=bogus", "/summary?scope=PUBLIC", "/summary?scope=public%20", "/export?format=csv&scope=everything"} {
		for _, u := range []*apitest.User{nil, f.mod} {
			rec := f.get(u, base+path)
			require.Equal(t, http.StatusUnprocessableEntity, rec.Code, "%s: %s", path, rec.Body.String())
			assert.Equal(t, []string{"scope"}, fieldsOfProblem(t, rec.Body.Bytes()))
			assert.NotContains(t, rec.Body.String(), "confidential")
		}
	}
	var s models.Summary
	apitest.DecodeJSON(t, f.env.As(f.mod, apitest.Request{Method: http.MethodGet, Path: base + "/summary"}), &s)
	assert.Equal(t, models.ScopeAll, s.Scope, "staff get every comment by default")
	apitest.DecodeJSON(t, f.env.Get(base+"/summary?scope=all"), &s)
	assert.Equal(t, models.ScopePublic, s.Scope, "anyone else gets published data")
	assert.Equal(t, 2, s.Total)
}
