package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"consult/models"
)

// DecisionBody is a moderator's decision as every moderation route takes it: on one comment, a
// selection or a cluster.
type DecisionBody struct {
	Action                 string  `json:"action"`
	ReasonCode             string  `json:"reason_code"`
	Note                   string  `json:"note"`
	RedactedBody           *string `json:"redacted_body"`
	RedactedProposedChange *string `json:"redacted_proposed_change"`
}

// decision is the body as the domain layer takes it, for the comment version given (0 for a
// selection or a cluster, whose commands take each comment's version themselves).
func (d DecisionBody) decision(version int) models.Moderation {
	return models.Moderation{Action: d.Action, ReasonCode: d.ReasonCode, Note: d.Note, RedactedBody: d.RedactedBody,
		RedactedProposedChange: d.RedactedProposedChange, Version: version}
}

// ModerationRequest is the body of POST /comments/{id}/moderation.
type ModerationRequest struct {
	DecisionBody
	Version *int `json:"version"`
}

// ModerateComment publishes, rejects or redacts a comment; the author is mailed the outcome.
func (h *Handlers) ModerateComment(c echo.Context) error {
	var req ModerationRequest
	if err := bindJSONLimit(c, &req, maxCommentJSON); err != nil {
		return err
	}
	cm, err := models.ModerateComment(c.Request().Context(), h.DB.DB, CurrentPrincipal(c).User, c.Param("id"), req.decision(versionOf(req.Version)), h.Clock.Now(), h.Config.BaseURL)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, commentView(cm))
}

// ModerationQueue lists comments waiting for moderation (or in another status) for moderators,
// filtered by consultation, clause, near-duplicate group and the author's stakeholder type, each with its place, its
// author's profile, its near-duplicate group and its disposition.
func (h *Handlers) ModerationQueue(c echo.Context) error {
	limit, err := pageLimit(c)
	if err != nil {
		return err
	}
	ctx, q := c.Request().Context(), c.QueryParams()
	comments, next, err := models.ModerationQueue(ctx, h.DB.DB, models.QueueFilter{
		ConsultationID: q.Get("consultation_id"), Status: q.Get("status"), ClauseID: q.Get("clause_id"),
		StakeholderType: q.Get("stakeholder_type"), ClusterID: q.Get("cluster_id"), Clusters: h.Clusters,
		Page: models.Page{Cursor: q.Get("cursor"), Limit: limit},
	})
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(comments))
	for i := range comments {
		ids = append(ids, comments[i].ID)
	}
	dispositions, err := models.DispositionsOf(ctx, h.DB.DB, ids)
	if err != nil {
		return err
	}
	clusterOf, err := models.ClusterOfComments(ctx, h.DB.DB, h.Clusters, comments)
	if err != nil {
		return err
	}
	places, err := models.CommentPlaces(ctx, h.DB.DB, comments)
	if err != nil {
		return err
	}
	authors, err := models.CommentAuthors(ctx, h.DB.DB, comments)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(comments, next, func(cm *models.Comment) QueueItemView {
		item := QueueItemView{CommentView: commentView(cm), CommentPlaceView: commentPlaceView(places[cm.ID])}
		if cm.AuthorID != nil {
			item.Author = authorProfileView(authors[*cm.AuthorID])
		}
		if id, ok := clusterOf[cm.ID]; ok {
			item.ClusterID = &id
		}
		if d, ok := dispositions[cm.ID]; ok {
			item.Disposition = dispositionView(&d)
		}
		return item
	}))
}

// QueueItemView is a comment in the moderation queue, with its clause, its author's profile and
// its near-duplicate group if any.
type QueueItemView struct {
	CommentView
	CommentPlaceView
	ClusterID *string            `json:"cluster_id"`
	Author    *AuthorProfileView `json:"author"`
}
