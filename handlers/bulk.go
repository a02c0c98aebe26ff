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

// maxBulk bounds a selection.
const maxBulk = 1000

// BulkModerate applies one decision to each selected comment in its own transaction, with the
// same optimistic locking as one by one; the answer lists each comment's outcome.
func (h *Handlers) BulkModerate(c echo.Context) error {
	var req BulkModerationRequest
	if err := bindJSONLimit(c, &req, maxCommentJSON); err != nil {
		return err
	}
	decision := models.Moderation{Action: req.Action, ReasonCode: req.ReasonCode, Note: req.Note, RedactedBody: req.RedactedBody,
		RedactedProposedChange: req.RedactedProposedChange}
	errs := models.ValidateSelection(len(req.Items), maxBulk, func(i int) (string, int) { return req.Items[i].ID, req.Items[i].Version })
	if errs = append(errs, models.ValidateDecision(decision)...); len(errs) > 0 {
		return models.Invalid("the selection or the decision has invalid fields", errs...)
	}
	results := make([]BulkResult, 0, len(req.Items))
	for _, it := range req.Items {
		decision.Version = it.Version
		results = append(results, h.moderateOne(c, it.ID, decision))
	}
	return c.JSON(http.StatusOK, map[string]any{"results": results})
}

func (h *Handlers) moderateOne(c echo.Context, id string, m models.Moderation) BulkResult {
	_, err := models.ModerateComment(c.Request().Context(), h.DB.DB, CurrentPrincipal(c).User, id, m, h.Clock.Now(), h.Config.BaseURL)
	return bulkResult(c, id, err)
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
	decision := models.Moderation{Action: req.Action, ReasonCode: req.ReasonCode, Note: req.Note, RedactedBody: req.RedactedBody,
		RedactedProposedChange: req.RedactedProposedChange}
	if errs := models.ValidateDecision(decision); len(errs) > 0 {
		return models.Invalid("the decision has invalid fields", errs...)
	}
	members, err := h.clusterMembers(c)
	if err != nil {
		return err
	}
	results := make([]BulkResult, 0, len(members))
	for _, cm := range members {
		if cm.Status != models.CommentSubmitted {
			continue
		}
		decision.Version = cm.Version
		results = append(results, h.moderateOne(c, cm.ID, decision))
	}
	return c.JSON(http.StatusOK, map[string]any{"results": results})
}

// ClusterDispositionRequest answers every comment of a cluster at once.
type ClusterDispositionRequest struct {
	Resolution    string `json:"resolution"`
	Response      string `json:"response"`
	NextClauseRef string `json:"next_clause_ref"`
}

// RecordClusterDisposition records the same decision on every member of a near-duplicate group
// (replacing earlier ones), each audit-logged.
func (h *Handlers) RecordClusterDisposition(c echo.Context) error {
	var req ClusterDispositionRequest
	if err := bindJSONLimit(c, &req, maxCommentJSON); err != nil {
		return err
	}
	if errs := (models.DispositionInput{Resolution: req.Resolution, Response: req.Response, NextClauseRef: req.NextClauseRef}).Validate(); len(errs) > 0 {
		return models.Invalid("the disposition has invalid fields", errs...)
	}
	members, err := h.clusterMembers(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	ids := make([]string, 0, len(members))
	for _, cm := range members {
		ids = append(ids, cm.ID)
	}
	existing, err := models.DispositionsOf(ctx, h.DB.DB, ids)
	if err != nil {
		return err
	}
	results := make([]BulkResult, 0, len(members))
	for _, cm := range members {
		if cm.Status == models.CommentWithdrawn {
			continue
		}
		in := models.DispositionInput{Resolution: req.Resolution, Response: req.Response, NextClauseRef: req.NextClauseRef}
		if d, ok := existing[cm.ID]; ok {
			v := d.Version
			in.Version = &v
		}
		_, err := models.RecordDisposition(ctx, h.DB.DB, CurrentPrincipal(c).User, cm.ID, in, h.Clock.Now())
		results = append(results, bulkResult(c, cm.ID, err))
	}
	return c.JSON(http.StatusOK, map[string]any{"results": results})
}

// clusterMembers loads the comments of the cluster named in the path.
func (h *Handlers) clusterMembers(c echo.Context) ([]models.Comment, error) {
	ctx := c.Request().Context()
	con, err := models.FindConsultation(ctx, h.DB.DB, c.Param("id"))
	if err != nil {
		return nil, err
	}
	clusters, err := models.ConsultationClusters(ctx, h.DB.DB, con.ID)
	if err != nil {
		return nil, err
	}
	for _, cl := range clusters {
		if cl.ID == c.Param("cluster_id") {
			var members []models.Comment
			err := h.DB.WithContext(ctx).Where("id IN ?", cl.Members).Order("created_at, id").Find(&members).Error
			return members, err
		}
	}
	return nil, models.NotFound("cluster")
}
