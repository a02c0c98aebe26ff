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

func TestModerationQueueFiltersByCluster(t *testing.T) {
	f := newCommentFixture(t)
	var campaign []string
	for _, name := range []string{"Anna", "Bruno", "Chiara", "Dimitris", "Eva"} {
		text := strings.Replace(letter, "Dear agency", "Dear agency, my name is "+name, 1)
		campaign = append(campaign, f.create(t, f.stake, map[string]any{"body": text + ", " + name + "."}))
	}
	other := f.create(t, f.stake, map[string]any{"body": "Annex B should include a competence profile for cloud security architects."})
	for _, id := range campaign[:2] {
		require.Equal(t, http.StatusOK, f.moderate(f.mod, id, map[string]any{"action": "publish", "version": 1}).Code)
	}
	type page struct {
		Items []struct {
			ID        string  `json:"id"`
			ClusterID *string `json:"cluster_id"`
		} `json:"items"`
		NextCursor *string `json:"next_cursor"`
	}
	queue := func(query string) page {
		rec := f.env.As(f.mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/moderation/queue?" + query})
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		var p page
		apitest.DecodeJSON(t, rec, &p)
		return p
	}
	ids := func(p page) []string {
		out := []string{}
		for _, it := range p.Items {
			out = append(out, it.ID)
			require.NotNil(t, it.ClusterID)
			assert.Equal(t, campaign[0], *it.ClusterID)
		}
		return out
	}

	for _, tc := range []struct {
		name  string
		query string
		want  []string
	}{
		{"waiting members", "cluster_id=" + campaign[0], campaign[2:]},
		{"of the consultation", "consultation_id=" + f.consultationID + "&cluster_id=" + campaign[0], campaign[2:]},
		{"published members", "status=published&cluster_id=" + campaign[0], campaign[:2]},
		{"a comment in no group", "cluster_id=" + other, []string{}},
		{"an unknown group", "cluster_id=" + models.NewID(), []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.ElementsMatch(t, tc.want, ids(queue(tc.query)))
		})
	}

	first := queue("limit=2&cluster_id=" + campaign[0])
	require.Len(t, first.Items, 2)
	require.NotNil(t, first.NextCursor, "a group's members come in pages")
	rest := queue("limit=2&cluster_id=" + campaign[0] + "&cursor=" + *first.NextCursor)
	assert.ElementsMatch(t, campaign[2:], append(ids(first), ids(rest)...))
	assert.Nil(t, rest.NextCursor)

	rec := f.env.As(f.mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/moderation/queue?cluster_id=x"})
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	assert.Equal(t, []string{"cluster_id"}, fieldsOfProblem(t, rec.Body.Bytes()))
}
