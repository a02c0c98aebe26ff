package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"consult/api"
	"consult/api/apitest"
	"consult/models"
)

// limitsFixture holds one of everything a route may name: accounts of each role, a scheme, a
// document, an open consultation and two near-identical comments forming a cluster.
type limitsFixture struct {
	env                              *apitest.Env
	admin, mod, stake                *apitest.User
	slug, documentID, consultationID string
	commentID, clusterID             string
	clients                          int
}

func newLimitsFixture(t testing.TB) *limitsFixture {
	env := apitest.New(t)
	f := &limitsFixture{env: env, slug: "bounds",
		admin: env.CreateUser("admin@example.eu", models.RoleAdmin, true),
		mod:   env.CreateUser("mod@example.eu", models.RoleModerator, true),
		stake: env.CreateUser("stake@example.eu", models.RoleStakeholder, true)}
	f.create(t, f.mod, "/api/v1/schemes", map[string]any{"slug": f.slug, "title": "Bounds"})
	f.documentID = f.create(t, f.mod, "/api/v1/schemes/"+f.slug+"/documents", map[string]any{
		"version_label": "v1", "markdown": "# Draft\n\n## 1 Scope\n\nThe scheme covers managed security services.\n",
	})
	f.consultationID = f.create(t, f.mod, "/api/v1/consultations", map[string]any{"document_id": f.documentID, "title": "On the draft",
		"opens_at": apitest.Start.Add(-time.Hour), "closes_at": apitest.Start.Add(72 * time.Hour)})
	letter := "Dear agency, I urge you to withdraw the twelve hour notification deadline because small providers " +
		"cannot meet it without hiring night staff, which would drive them out of the market and reduce choice."
	for range 2 {
		id := f.create(t, f.stake, "/api/v1/consultations/"+f.consultationID+"/comments",
			map[string]any{"comment_type": "general", "body": letter, "publication": "public_named"})
		if f.commentID == "" {
			f.commentID = id
		}
	}
	rec := env.As(f.mod, apitest.Request{Method: http.MethodGet, Path: "/api/v1/consultations/" + f.consultationID + "/clusters"})
	var clusters struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	apitest.DecodeJSON(t, rec, &clusters)
	require.Len(t, clusters.Items, 1, "the two comments form a cluster: %s", rec.Body.String())
	f.clusterID = clusters.Items[0].ID
	return f
}

// create posts body as u and returns the id of what was created.
func (f *limitsFixture) create(t testing.TB, u *apitest.User, path string, body any) string {
	t.Helper()
	rec := f.env.As(u, apitest.Request{Method: http.MethodPost, Path: path, Body: body})
	require.Equal(t, http.StatusCreated, rec.Code, "fixture %s: %s", path, rec.Body.String())
	var out struct {
		ID string `json:"id"`
	}
	apitest.DecodeJSON(t, rec, &out)
	return out.ID
}

// path fills a route's path parameters with the fixture's resources.
func (f *limitsFixture) path(t testing.TB, route string) string {
	t.Helper()
	parts := strings.Split(route, "/")
	for i, part := range parts {
		if !strings.HasPrefix(part, ":") {
			continue
		}
		value := ""
		switch {
		case part == ":slug":
			value = f.slug
		case part == ":cluster_id":
			value = f.clusterID
		case part == ":id" && i > 0:
			value = map[string]string{"documents": f.documentID, "consultations": f.consultationID, "comments": f.commentID, "users": f.stake.ID}[parts[i-1]]
		}
		if value == "" {
			t.Fatalf("%s: no fixture for the path parameter %s; add one to limitsFixture.path", route, part)
		}
		parts[i] = value
	}
	return strings.Join(parts, "/")
}

// user is the account a route's access needs; nil for routes open to anyone.
func (f *limitsFixture) user(a api.Access) *apitest.User {
	switch a {
	case api.SignedIn, api.Verified:
		return f.stake
	case api.Moderator:
		return f.mod
	case api.Admin:
		return f.admin
	default:
		return nil
	}
}
