package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"consult/models"
)

// ListClusters shows moderators the groups of near-identical comments of a consultation, with
// their sizes and a representative text.
func (h *Handlers) ListClusters(c echo.Context) error {
	clusters, err := models.ClustersOf(c.Request().Context(), h.DB.DB, h.Clusters, c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, List[models.Cluster]{Items: clusters})
}

// ClusterModerationRequest applies one decision to every comment of a cluster still waiting.
type ClusterModerationRequest struct {
	DecisionBody
}

// ModerateCluster applies one decision to every submitted member of a near-duplicate group.
func (h *Handlers) ModerateCluster(c echo.Context) error {
	var req ClusterModerationRequest
	if err := bindJSONLimit(c, &req, maxCommentJSON); err != nil {
		return err
	}
	outcomes, err := models.ModerateCluster(c.Request().Context(), h.DB.DB, h.Clusters, CurrentPrincipal(c).User, c.Param("id"), c.Param("cluster_id"), req.decision(0), h.Clock.Now(), h.Config.BaseURL)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, bulkResults(c, outcomes))
}

// ClusterDispositionItem names a member of the cluster with the version of its disposition the
// moderator saw, nil when it had none.
type ClusterDispositionItem struct {
	ID      string `json:"id"`
	Version *int   `json:"version"`
}

// ClusterDispositionRequest answers every comment of a cluster at once. Items, when given, lists
// the members the moderator saw with their dispositions' versions.
type ClusterDispositionRequest struct {
	Resolution    string                   `json:"resolution"`
	Response      string                   `json:"response"`
	NextClauseRef string                   `json:"next_clause_ref"`
	Items         []ClusterDispositionItem `json:"items"`
}

// RecordClusterDisposition records the same decision on every member of a near-duplicate group,
// each with optimistic locking and audit-logged.
func (h *Handlers) RecordClusterDisposition(c echo.Context) error {
	var req ClusterDispositionRequest
	if err := bindJSONLimit(c, &req, maxCommentJSON); err != nil {
		return err
	}
	in := models.ClusterDispositionInput{Resolution: req.Resolution, Response: req.Response, NextClauseRef: req.NextClauseRef}
	if req.Items != nil {
		in.Seen = make([]models.SeenDisposition, len(req.Items))
		for i, it := range req.Items {
			in.Seen[i] = models.SeenDisposition{ID: it.ID, Version: it.Version}
		}
	}
	outcomes, err := models.RecordClusterDisposition(c.Request().Context(), h.DB.DB, h.Clusters, CurrentPrincipal(c).User, c.Param("id"), c.Param("cluster_id"), in, h.Clock.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, bulkResults(c, outcomes))
}
