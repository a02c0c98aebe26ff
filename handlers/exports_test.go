package handlers_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"consult/api/apitest"
	"consult/models"
)

// exportFixture has one comment per publication choice, published, one rejected and one answered.
func exportFixture(t *testing.T) (*commentFixture, map[string]string) {
	f := newCommentFixture(t)
	ids := map[string]string{}
	for _, pub := range []string{models.PublicNamed, models.PublicAnonymous, models.Confidential} {
		ids[pub] = f.create(t, f.stake, map[string]any{"publication": pub, "body": "=HYPERLINK(\"http://evil\") " + pub})
		require.Equal(t, http.StatusOK, f.moderate(f.mod, ids[pub], map[string]any{"action": "publish", "version": 1}).Code)
	}
	ids["rejected"] = f.create(t, f.stake, map[string]any{"body": "Spam spam spam"})
	require.Equal(t, http.StatusOK, f.moderate(f.mod, ids["rejected"], map[string]any{"action": "reject", "reason_code": "spam", "version": 1}).Code)
	require.Equal(t, http.StatusOK, f.env.As(f.mod, apitest.Request{Method: http.MethodPut, Path: "/api/v1/comments/" + ids[models.PublicNamed] + "/disposition",
		Body: map[string]any{"resolution": "accepted", "response": "Changed to 18 hours."}}).Code)
	return f, ids
}

func TestSummaryCountsPublishedDataForEveryoneAndAllForModerators(t *testing.T) {
	f, _ := exportFixture(t)
	f.publishReport(t) // the public sees resolutions only then (TestPublicSeesResolutionsOnlyOnceTheReportIsPublished)
	var public, all models.Summary
	apitest.DecodeJSON(t, f.env.Get("/api/v1/consultations/"+f.consultationID+"/summary"), &public)
	apitest.DecodeJSON(t, f.env.As(f.mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/consultations/" + f.consultationID + "/summary"}), &all)
	assert.Equal(t, models.ScopePublic, public.Scope)
	assert.Equal(t, 2, public.Total, "named and anonymous; never confidential or rejected")
	assert.Equal(t, map[string]int{"published": 2}, public.ByStatus)
	assert.Equal(t, map[string]int{"3.4.1": 2}, public.ByClause)
	assert.Equal(t, map[string]int{"accepted": 1, "none_yet": 1}, public.ByResolution)
	assert.Equal(t, map[string]int{"BE": 2}, public.ByCountry)
	assert.Equal(t, map[string]int{"2027-03-01": 2}, public.ByDay)
	assert.Equal(t, models.ScopeAll, all.Scope)
	assert.Equal(t, 4, all.Total)
	assert.Equal(t, map[string]int{"published": 3, "rejected": 1}, all.ByStatus)
}

func TestPublicExportHonoursEveryPublicationChoice(t *testing.T) {
	f, ids := exportFixture(t)
	f.publishReport(t) // dispositions are public only then (TestPublicSeesResolutionsOnlyOnceTheReportIsPublished)
	path := "/api/v1/consultations/" + f.consultationID + "/export"
	rec := f.env.Get(path + "?format=csv")
	assert.Equal(t, http.StatusConflict, rec.Code, "the public export opens when the window closes")

	f.env.Clock.Set(f.closes)
	rec = f.env.Get(path + "?format=csv")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Contains(t, rec.Header().Get("Content-Disposition"), "attachment")
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(rec.Body.String(), "\ufeff"))).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 3, "a header and the two public comments")
	header := rows[0]
	assert.NotContains(t, header, "author_email")
	col := func(row []string, name string) string {
		for i, h := range header {
			if h == name {
				return row[i]
			}
		}
		t.Fatalf("no column %s", name)
		return ""
	}
	assert.Equal(t, "Test stakeholder", col(rows[1], "author_name"))
	assert.Equal(t, "accepted", col(rows[1], "resolution"))
	assert.Equal(t, "", col(rows[2], "author_name"), "anonymous")
	assert.Equal(t, "BE", col(rows[2], "country"))
	for _, r := range rows[1:] {
		assert.True(t, strings.HasPrefix(col(r, "comment"), "'="), "formula injection neutralised: %q", col(r, "comment"))
	}
	body := rec.Body.String()
	assert.NotContains(t, body, "confidential")
	assert.NotContains(t, body, "Spam spam")
	assert.NotContains(t, body, "@example.eu")
	assert.NotContains(t, body, ids[models.Confidential])

	rec = f.env.Get(path + "?format=json")
	require.Equal(t, http.StatusOK, rec.Code)
	var js struct {
		Consultation map[string]any      `json:"consultation"`
		Document     map[string]any      `json:"document"`
		Scope        string              `json:"scope"`
		GeneratedAt  string              `json:"generated_at"`
		Comments     []map[string]string `json:"comments"`
	}
	apitest.DecodeJSON(t, rec, &js)
	require.Len(t, js.Comments, 2)
	assert.Equal(t, f.consultationID, js.Consultation["id"])
	assert.NotEmpty(t, js.Document["version"])
	assert.Equal(t, "public", js.Scope)
	assert.NotEmpty(t, js.GeneratedAt)
	assert.Equal(t, "Test stakeholder", js.Comments[0]["author_name"])
	assert.Equal(t, "Changed to 18 hours.", js.Comments[0]["response"])
	assert.Equal(t, "", js.Comments[1]["author_name"], "anonymous")
	assert.True(t, strings.HasPrefix(js.Comments[0]["comment"], "=HYPERLINK"), "JSON is data")

	rec = f.env.Get(path + "?format=xlsx")
	require.Equal(t, http.StatusOK, rec.Code)
	book, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	require.NoError(t, err)
	defer book.Close()
	sheet, err := book.GetRows("Comments")
	require.NoError(t, err)
	require.Len(t, sheet, 3)
	assert.Equal(t, []string{"Number", "Organisation or stakeholder type", "Country", "Clause", "Clause heading", "Paragraph", "Comment type", "Comment",
		"Proposed change", "Resolution", "Response"}, sheet[0][:11], "the standards bodies' columns first")
	assert.Equal(t, "3.4.1", sheet[1][3])
	assert.NotEmpty(t, sheet[1][4], "the clause heading")
	assert.True(t, strings.HasPrefix(sheet[1][7], "=HYPERLINK"), "a text cell needs no apostrophe: %q", sheet[1][7])
	assert.Equal(t, "accepted", sheet[1][9])
	for _, r := range sheet {
		assert.NotContains(t, strings.Join(r, " "), "confidential")
		assert.NotContains(t, strings.Join(r, " "), "@example.eu")
	}
	about, err := book.GetRows("About")
	require.NoError(t, err)
	assert.Contains(t, about, []string{"Scope", "public"})
	assert.Equal(t, http.StatusUnprocessableEntity, f.env.Get(path+"?format=nope").Code)
}

func TestPublicExportsCarryNoResponseBeforeTheReport(t *testing.T) {
	f, _ := exportFixture(t)
	f.env.Clock.Set(f.closes)
	path := "/api/v1/consultations/" + f.consultationID + "/export"
	for _, format := range []string{"csv", "json", "xlsx"} {
		rec := f.env.Get(path + "?format=" + format)
		require.Equal(t, http.StatusOK, rec.Code, format)
		var text string
		if format == "xlsx" {
			book, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
			require.NoError(t, err)
			rows, err := book.GetRows("Comments")
			require.NoError(t, err)
			require.NoError(t, book.Close())
			assert.NotContains(t, rows[0], "Response")
			for _, r := range rows {
				text += strings.Join(r, "\t") + "\n"
			}
		} else {
			text = rec.Body.String()
		}
		assert.NotContains(t, text, "Changed to 18 hours.", format)
		assert.NotContains(t, text, "accepted", format)
	}
}

func TestFullExportIsForModeratorsAndAuditLogged(t *testing.T) {
	f, _ := exportFixture(t)
	path := "/api/v1/consultations/" + f.consultationID + "/export?format=csv&scope=all"
	assert.Equal(t, http.StatusUnauthorized, f.env.Get(path).Code)
	assert.Equal(t, http.StatusForbidden, f.env.As(f.stake, apitest.Request{Method: http.MethodGet, Path: path}).Code)
	rec := f.env.As(f.mod, apitest.Request{Method: http.MethodGet, Path: path})
	require.Equal(t, http.StatusOK, rec.Code)
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(rec.Body.String(), "\ufeff"))).ReadAll()
	require.NoError(t, err)
	assert.Len(t, rows, 5, "a header and all four comments")
	assert.Contains(t, rec.Body.String(), "stake@example.eu")
	assert.Contains(t, rec.Body.String(), "confidential")
	var n int64
	f.env.DB.Model(&models.AuditEvent{}).Where("action = ?", "consultation.exported").Count(&n)
	assert.Equal(t, int64(1), n)
}
