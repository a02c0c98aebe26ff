package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"consult/internal/logging"
	"consult/internal/problem"
	"consult/models"
)

// BulkItem names one comment of a selection with the version the moderator saw.
type BulkItem struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
}

// BulkModerationRequest applies one decision to a selection of comments.
type BulkModerationRequest struct {
	Items                  []BulkItem `json:"items"`
	Action                 string     `json:"action"`
	ReasonCode             string     `json:"reason_code"`
	Note                   string     `json:"note"`
	RedactedBody           *string    `json:"redacted_body"`
	RedactedProposedChange *string    `json:"redacted_proposed_change"`
}

// BulkResult says what became of one comment of a selection.
type BulkResult struct {
	ID     string      `json:"id"`
	Status int         `json:"status"`
	Code   models.Code `json:"code,omitempty"`
	Detail string      `json:"detail,omitempty"`
}

// BulkModerate applies one decision to each selected comment in its own transaction, with the
// same optimistic locking as one by one; the answer lists each comment's outcome.
func (h *Handlers) BulkModerate(c echo.Context) error {
	var req BulkModerationRequest
	if err := bindJSONLimit(c, &req, maxCommentJSON); err != nil {
		return err
	}
	items := make([]models.Selected, len(req.Items))
	for i, it := range req.Items {
		items[i] = models.Selected{ID: it.ID, Version: it.Version}
	}
	outcomes, err := models.ModerateSelection(c.Request().Context(), h.DB.DB, CurrentPrincipal(c).User, items, models.Moderation{
		Action: req.Action, ReasonCode: req.ReasonCode, Note: req.Note, RedactedBody: req.RedactedBody, RedactedProposedChange: req.RedactedProposedChange,
	}, h.Clock.Now(), h.Config.BaseURL)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, bulkResults(c, outcomes))
}

// bulkResults is the answer to a bulk action: each item's outcome.
func bulkResults(c echo.Context, outcomes []models.Outcome) map[string]any {
	results := make([]BulkResult, 0, len(outcomes))
	for _, o := range outcomes {
		results = append(results, bulkResult(c, o.ID, o.Err))
	}
	return map[string]any{"results": results}
}

// bulkResult is one item's outcome, with the status and code the error handler would answer for
// the same error alone.
func bulkResult(c echo.Context, id string, err error) BulkResult {
	if err == nil {
		return BulkResult{ID: id, Status: http.StatusOK}
	}
	p, _ := problem.For(err)
	if p.Status >= http.StatusInternalServerError {
		logging.From(c.Request().Context()).Error("bulk item failed", "id", id, "error", err)
	}
	return BulkResult{ID: id, Status: p.Status, Code: p.Code, Detail: p.Detail}
}

// ClusterModerationRequest applies one decision to every comment of a cluster still waiting.
type ClusterModerationRequest struct {
	Action                 string  `json:"action"`
	ReasonCode             string  `json:"reason_code"`
	Note                   string  `json:"note"`
	RedactedBody           *string `json:"redacted_body"`
	RedactedProposedChange *string `json:"redacted_proposed_change"`
}

// ModerateCluster applies one decision to every submitted member of a near-duplicate group.
func (h *Handlers) ModerateCluster(c echo.Context) error {
	var req ClusterModerationRequest
	if err := bindJSONLimit(c, &req, maxCommentJSON); err != nil {
		return err
	}
	outcomes, err := models.ModerateCluster(c.Request().Context(), h.DB.DB, h.Grouping, CurrentPrincipal(c).User, c.Param("id"), c.Param("cluster_id"), models.Moderation{
		Action: req.Action, ReasonCode: req.ReasonCode, Note: req.Note, RedactedBody: req.RedactedBody, RedactedProposedChange: req.RedactedProposedChange,
	}, h.Clock.Now(), h.Config.BaseURL)
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
	outcomes, err := models.RecordClusterDisposition(c.Request().Context(), h.DB.DB, h.Grouping, CurrentPrincipal(c).User, c.Param("id"), c.Param("cluster_id"), in, h.Clock.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, bulkResults(c, outcomes))
}
