package handlers_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/models"
)

type authorProfile struct {
	DisplayName            string `json:"display_name"`
	Organisation           string `json:"organisation"`
	StakeholderType        string `json:"stakeholder_type"`
	Country                string `json:"country"`
	TransparencyRegisterID string `json:"transparency_register_id"`
}

// TestStaffSeeTheAuthorsProfile: the moderation queue and the staff view of a comment show who
// wrote it (the profile, never the email address), and the queue names the clause.
func TestStaffSeeTheAuthorsProfile(t *testing.T) {
	f := newCommentFixture(t)
	require.NoError(t, f.env.DB.Model(&models.User{}).Where("id = ?", f.stake.ID).Update("transparency_register_id", "123456789012-34").Error)
	id := f.create(t, f.stake, nil)
	want := authorProfile{DisplayName: "Test stakeholder", Organisation: "Test Org", StakeholderType: "company", Country: "BE", TransparencyRegisterID: "123456789012-34"}

	rec := f.env.As(f.mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/moderation/queue?consultation_id=" + f.consultationID})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var queue struct {
		Items []struct {
			ID            string         `json:"id"`
			ClauseNumber  *string        `json:"clause_number"`
			ClauseHeading *string        `json:"clause_heading"`
			Author        *authorProfile `json:"author"`
		} `json:"items"`
	}
	apitest.DecodeJSON(t, rec, &queue)
	require.Len(t, queue.Items, 1)
	require.NotNil(t, queue.Items[0].Author, rec.Body.String())
	assert.Equal(t, want, *queue.Items[0].Author)
	require.NotNil(t, queue.Items[0].ClauseNumber)
	assert.Equal(t, "3.4.1", *queue.Items[0].ClauseNumber)
	assert.NotEmpty(t, *queue.Items[0].ClauseHeading)
	assert.NotContains(t, rec.Body.String(), "stake@example.eu", "staff views carry no email address")

	rec = f.env.As(f.mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/comments/" + id})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var one struct {
		Author *authorProfile `json:"author"`
	}
	apitest.DecodeJSON(t, rec, &one)
	require.NotNil(t, one.Author, rec.Body.String())
	assert.Equal(t, want, *one.Author)
	assert.NotContains(t, rec.Body.String(), "stake@example.eu")
}

// TestMyCommentsNameTheirConsultationAndClause: a stakeholder's list says where each comment went.
func TestMyCommentsNameTheirConsultationAndClause(t *testing.T) {
	f := newCommentFixture(t)
	f.create(t, f.stake, nil)
	f.create(t, f.stake, map[string]any{"clause_id": nil, "quote": nil, "comment_type": "general", "body": "A general remark."})
	rec := f.env.As(f.stake, apitest.Request{Method: http.MethodGet, Path: "/api/v1/me/comments"})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var out struct {
		Items []struct {
			Body              string  `json:"body"`
			ConsultationTitle string  `json:"consultation_title"`
			ClauseNumber      *string `json:"clause_number"`
			ClauseHeading     *string `json:"clause_heading"`
		} `json:"items"`
	}
	apitest.DecodeJSON(t, rec, &out)
	require.Len(t, out.Items, 2)
	for _, it := range out.Items {
		assert.Equal(t, "Consultation on the MSS draft", it.ConsultationTitle)
		if it.Body == "A general remark." {
			assert.Nil(t, it.ClauseNumber, "a general comment has no clause")
			continue
		}
		require.NotNil(t, it.ClauseNumber)
		assert.Equal(t, "3.4.1", *it.ClauseNumber)
		require.NotNil(t, it.ClauseHeading)
		assert.NotEmpty(t, *it.ClauseHeading)
	}
}

// TestMissingHashedAssetIsNotFound: a script or style that is not in the build is a 404, not the
// app's HTML page.
func TestMissingHashedAssetIsNotFound(t *testing.T) {
	env := apitest.New(t)
	rec := env.Get("/assets/index-DEADBEEF.js")
	assert.Equal(t, http.StatusNotFound, rec.Code)
	assert.NotContains(t, rec.Body.String(), "<html")
	rec = env.Get("/consultations/some-page")
	assert.NotEqual(t, http.StatusNotFound, rec.Code, "client routes still load the app")
}

// TestCommentsWithoutALanguageTakeTheAuthorsProfileLanguage: a comment that names no language is
// in its author's profile language, in the browser as in an imported template.
func TestCommentsWithoutALanguageTakeTheAuthorsProfileLanguage(t *testing.T) {
	f := newCommentFixture(t)
	require.NoError(t, f.env.DB.Model(&models.User{}).Where("id = ?", f.stake.ID).Update("language", "fr").Error)
	rec := f.submit(f.stake, map[string]any{"comment_type": "general", "body": "Une remarque générale.", "publication": "public_named"}, nil)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var c struct {
		Language string `json:"language"`
	}
	apitest.DecodeJSON(t, rec, &c)
	assert.Equal(t, "fr", c.Language)
}
