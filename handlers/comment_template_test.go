package handlers_test

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"consult/api"
	"consult/api/apitest"
	"consult/internal/commenttemplate/templatetest"
	"consult/models"
)

// fillTemplate downloads the blank template and fills its rows.
func (f *commentFixture) fillTemplate(t *testing.T, rows [][]string) []byte {
	rec := f.env.Get("/api/v1/consultations/" + f.consultationID + "/comment-template.xlsx")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	book, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	require.NoError(t, err)
	defer book.Close()
	for i, row := range rows {
		cells := make([]any, len(row))
		for j, v := range row {
			cells[j] = v
		}
		require.NoError(t, book.SetSheetRow("Comments", fmt.Sprintf("A%d", i+2), &cells))
	}
	var buf bytes.Buffer
	require.NoError(t, book.Write(&buf))
	return buf.Bytes()
}

func (f *commentFixture) importFile(name string, content []byte) *httptestRecorder {
	var buf bytes.Buffer
	body, ct := multipartDraftTo(&buf, name, content)
	return f.env.As(f.stake, apitest.Request{Method: http.MethodPost, Path: "/api/v1/consultations/" + f.consultationID + "/comments/import", Body: body, Headers: map[string]string{"Content-Type": ct}})
}

func TestTheBlankTemplateOffersTheClauseNumbers(t *testing.T) {
	f := newCommentFixture(t)
	rec := f.env.Get("/api/v1/consultations/" + f.consultationID + "/comment-template.xlsx")
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Header().Get("Content-Disposition"), "attachment")
	book, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	require.NoError(t, err)
	defer book.Close()
	header, err := book.GetRows("Comments")
	require.NoError(t, err)
	assert.Equal(t, []string{"Clause", "Paragraph/Figure/Table", "Type of comment", "Comment", "Proposed change", "Publication"}, header[0])
	clauses, err := book.GetCols("Clauses")
	require.NoError(t, err)
	assert.Contains(t, clauses[0], "3.4.1")
	assert.Contains(t, clauses[0], "Annex B")
	dvs, err := book.GetDataValidations("Comments")
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(dvs), 3)
}

func TestTemplateWithThreeBadRowsCreatesNothing(t *testing.T) {
	f := newCommentFixture(t)
	good := func(i int) []string {
		return []string{"3.4.1", fmt.Sprintf("paragraph %d", i), "technical", fmt.Sprintf("Good comment %d", i), "A change", "public_named"}
	}
	rows := [][]string{good(1), good(2),
		{"9.9", "", "technical", "Clause that does not exist", "", "public_named"},
		good(3),
		{"3.4.1", "", "angry", "Bad type", "", "public_named"},
		good(4),
		{"3.4.1", "", "editorial", "Bad publication", "", "everyone"},
		good(5)}
	rec := f.importFile("comments.xlsx", f.fillTemplate(t, rows))
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code, rec.Body.String())
	var p api.Problem
	apitest.DecodeJSON(t, rec, &p)
	require.Len(t, p.Errors, 3, rec.Body.String())
	assert.Equal(t, "row 4, Clause", p.Errors[0].Field)
	assert.Equal(t, "row 6, Type of comment", p.Errors[1].Field)
	assert.Equal(t, "row 8, Publication", p.Errors[2].Field)
	for _, e := range p.Errors {
		assert.NotEmpty(t, e.Message)
	}
	var n int64
	f.env.DB.Model(&models.Comment{}).Count(&n)
	assert.Zero(t, n, "all rows or none")
}

func TestTemplateImportOfFiveThousandRows(t *testing.T) {
	f := newCommentFixture(t)
	var csv strings.Builder
	csv.WriteString("\ufeffClause;Paragraph/Figure/Table;Type of comment;Comment;Proposed change;Publication\n")
	for i := range 5000 {
		fmt.Fprintf(&csv, "3.4.1;para %d;technical;\"Comment number %d, with a comma; and a semicolon\";Change %d;public_anonymous\n", i, i, i)
	}
	rec := f.importFile("comments.csv", []byte(csv.String()))
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String()[:min(500, rec.Body.Len())])
	var n int64
	f.env.DB.Model(&models.Comment{}).Count(&n)
	assert.Equal(t, int64(5000), n)
	var distinct int64
	require.NoError(t, f.env.DB.Model(&models.Comment{}).Distinct("tracking_number").Count(&distinct).Error)
	assert.Equal(t, int64(5000), distinct, "every row has its own tracking number")
	var numbers []string
	require.NoError(t, f.env.DB.Model(&models.Comment{}).Order("created_at, paragraph_ref").Limit(3).Pluck("tracking_number", &numbers).Error)
	m, _ := f.env.LastMailTo(t, "stake@example.eu")
	assert.Equal(t, "5000 comments received on Consultation on the MSS draft", m.Subject)
	for _, n := range numbers {
		assert.Regexp(t, trackingNumberPattern, n)
		assert.Contains(t, m.BodyText, n, "the receipt lists every tracking number")
	}

	xlsx := f.fillTemplate(t, [][]string{{"general", "", "General", "Ελληνικά και Polski: zażółć", "", "Public (named)"}})
	rec = f.importFile("more.xlsx", xlsx)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	assert.Contains(t, rec.Body.String(), "Ελληνικά και Polski: zażółć")
	assert.Contains(t, rec.Body.String(), `"publication":"public_named"`)
	assert.Equal(t, http.StatusUnsupportedMediaType, f.importFile("x.xlsx", []byte("%PDF-1.4 not a sheet")).Code)
}

func TestImportsAreLimitedPerAccountBeforeTheFileIsRead(t *testing.T) {
	f := newCommentFixture(t)
	empty := []byte("Clause,Type of comment,Comment,Publication\n")
	for i := range models.ImportsPerAccount.Max {
		require.Equal(t, http.StatusUnprocessableEntity, f.importFile("empty.csv", empty).Code, "import %d", i+1)
	}
	good := []byte("Clause,Type of comment,Comment,Publication\ngeneral,technical,One more,public_named\n")
	rec := f.importFile("good.csv", good)
	require.Equal(t, http.StatusTooManyRequests, rec.Code, rec.Body.String())
	var p api.Problem
	apitest.DecodeJSON(t, rec, &p)
	assert.Equal(t, models.CodeRateLimited, p.Code)
	retry, err := strconv.Atoi(rec.Header().Get("Retry-After"))
	require.NoError(t, err)
	assert.True(t, retry > 0 && retry <= 3600, "Retry-After %d", retry)
	assert.Equal(t, http.StatusTooManyRequests, f.importFile("bomb.xlsx", templatetest.Bomb(250<<20, false)).Code, "refused before it is read")

	other := f.env.CreateUser("other@example.eu", models.RoleStakeholder, true)
	var buf bytes.Buffer
	body, ct := multipartDraftTo(&buf, "good.csv", good)
	rec = f.env.As(other, apitest.Request{Method: http.MethodPost, Path: "/api/v1/consultations/" + f.consultationID + "/comments/import", Body: body, Headers: map[string]string{"Content-Type": ct}})
	assert.Equal(t, http.StatusCreated, rec.Code, "the limit is per account: %s", rec.Body.String())

	f.env.Clock.Advance(time.Duration(retry) * time.Second)
	f.env.Login(f.stake)
	assert.Equal(t, http.StatusCreated, f.importFile("good.csv", good).Code, "a new window")
}

func TestImportedCommentsTakeTheAuthorsProfileLanguage(t *testing.T) {
	f := newCommentFixture(t)
	require.NoError(t, f.env.DB.Model(&models.User{}).Where("id = ?", f.stake.User.ID).Update("language", "fr").Error)
	rec := f.importFile("c.csv", []byte("Clause,Type of comment,Comment,Publication\ngeneral,technical,Délai trop court,public_named\n3.4.1,editorial,Coquille,confidential\n"))
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var out struct {
		Items []struct {
			Language string `json:"language"`
		} `json:"items"`
	}
	apitest.DecodeJSON(t, rec, &out)
	require.Len(t, out.Items, 2)
	var langs []string
	require.NoError(t, f.env.DB.Model(&models.Comment{}).Order("tracking_number").Pluck("language", &langs).Error)
	assert.Equal(t, []string{"fr", "fr"}, langs)
	for _, it := range out.Items {
		assert.Equal(t, "fr", it.Language)
	}
}
