package handlers_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/models"
)

const letter = "Dear agency, as a member of the Digital Rights Network I urge you to withdraw the twelve hour " +
	"notification deadline in clause 3.4.1 because small providers cannot meet it without hiring night staff, " +
	"which would drive them out of the market and reduce choice for customers across the Union. " +
	"Please keep the deadline at twenty four hours and add a simplified report for micro enterprises. Yours sincerely"

func TestCampaignLettersLandInOneCluster(t *testing.T) {
	f := newCommentFixture(t)
	names := []string{"Anna", "Bruno", "Chiara", "Dimitris", "Eva", "Farid", "Greta", "Hugo", "Ines", "Jan", "Kasia", "Luis"}
	var campaign []string
	for i, name := range names {
		text := strings.Replace(letter, "Dear agency", "Dear agency, my name is "+name, 1)
		if i%3 == 0 {
			text = strings.Replace(text, "small providers", "smaller providers", 1)
		}
		campaign = append(campaign, f.create(t, f.stake, map[string]any{"body": text + ", " + name + "."}))
	}
	distinct := []string{
		"The evaluation report in 4.2 should list the sampling method used for operational records.",
		"Annex B should include a competence profile for cloud security architects.",
		"Surveillance every twelve months is too frequent for the assurance level substantial.",
	}
	var others []string
	for _, text := range distinct {
		others = append(others, f.create(t, f.stake, map[string]any{"body": text, "clause_id": nil, "quote": nil, "comment_type": "general"}))
	}

	rec := f.env.As(f.mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/consultations/" + f.consultationID + "/clusters"})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var out struct {
		Items []struct {
			ID              string   `json:"id"`
			Size            int      `json:"size"`
			Representative  string   `json:"representative"`
			Members         []string `json:"members"`
			TrackingNumbers []string `json:"tracking_numbers"`
		} `json:"items"`
	}
	apitest.DecodeJSON(t, rec, &out)
	require.Len(t, out.Items, 1, "one campaign")
	require.Len(t, out.Items[0].TrackingNumbers, len(out.Items[0].Members), "each member's tracking number")
	for i, id := range out.Items[0].Members {
		var number string
		require.NoError(t, f.env.DB.Model(&models.Comment{}).Where("id = ?", id).Pluck("tracking_number", &number).Error)
		assert.Equal(t, number, out.Items[0].TrackingNumbers[i])
	}
	assert.Equal(t, len(names), out.Items[0].Size)
	assert.Equal(t, campaign[0], out.Items[0].ID, "a cluster is named after its first comment")
	assert.ElementsMatch(t, campaign, out.Items[0].Members)
	assert.Contains(t, out.Items[0].Representative, "Anna")

	rec = f.env.As(f.mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/moderation/queue?consultation_id=" + f.consultationID + "&limit=200"})
	require.Equal(t, http.StatusOK, rec.Code)
	body := rec.Body.String()
	assert.Equal(t, len(names), strings.Count(body, fmt.Sprintf(`"cluster_id":"%s"`, campaign[0])))
	assert.Equal(t, len(others), strings.Count(body, `"cluster_id":null`))
	assert.Equal(t, http.StatusForbidden, f.env.As(f.stake, apitest.Request{Method: http.MethodGet, Path: "/api/v1/consultations/" + f.consultationID + "/clusters"}).Code)
}
