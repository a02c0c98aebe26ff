package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"consult/internal/mail"
	"consult/models"
)

// ModerationRequest is the body of POST /comments/{id}/moderation.
type ModerationRequest struct {
	Action       string `json:"action"`
	ReasonCode   string `json:"reason_code"`
	Note         string `json:"note"`
	RedactedBody string `json:"redacted_body"`
	Version      *int   `json:"version"`
}

// ModerateComment publishes, rejects or redacts a comment; the author is mailed the outcome.
func (h *Handlers) ModerateComment(c echo.Context) error {
	var req ModerationRequest
	if err := bindJSONLimit(c, &req, maxCommentJSON); err != nil {
		return err
	}
	if req.Version == nil {
		return models.Invalid("the decision has invalid fields", models.FieldError{Field: "version", Message: "is required: the version you last read"})
	}
	cm, err := models.ModerateComment(c.Request().Context(), h.DB.DB, CurrentPrincipal(c).User, c.Param("id"), models.Moderation{
		Action: req.Action, ReasonCode: req.ReasonCode, Note: req.Note, RedactedBody: req.RedactedBody, Version: *req.Version,
	}, h.Clock.Now(), func(cm *models.Comment) (string, string, string) {
		t := mail.ModerationOutcome(h.Config.BaseURL, cm.TrackingNumber, cm.Status, cm.ReasonCode, cm.ModerationNote, cm.RedactedBody != nil)
		return "", t.Subject, t.Body
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, commentView(cm))
}

// ModerationQueue lists comments waiting for moderation (or in another status) for moderators.
func (h *Handlers) ModerationQueue(c echo.Context) error {
	limit, err := pageLimit(c)
	if err != nil {
		return err
	}
	comments, next, err := models.ModerationQueue(c.Request().Context(), h.DB.DB, c.QueryParam("consultation_id"), c.QueryParam("status"),
		models.Page{Cursor: c.QueryParam("cursor"), Limit: limit})
	if err != nil {
		return err
	}
	out := List[CommentView]{Items: make([]CommentView, 0, len(comments)), NextCursor: next}
	for i := range comments {
		out.Items = append(out.Items, commentView(&comments[i]))
	}
	return c.JSON(http.StatusOK, out)
}
