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
	Items []BulkItem `json:"items"`
	DecisionBody
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
	outcomes, err := models.ModerateSelection(c.Request().Context(), h.DB.DB, CurrentPrincipal(c).User, items, req.decision(0), h.Clock.Now(), h.Config.BaseURL)
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
