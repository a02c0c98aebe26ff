package handlers

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"consult/models"
)

// DispositionView is the decision on a comment as authors and staff see it.
type DispositionView struct {
	Resolution    string    `json:"resolution"`
	Response      string    `json:"response"`
	NextClauseRef string    `json:"next_clause_ref"`
	Version       int       `json:"version"`
	UpdatedAt     time.Time `json:"updated_at"`
}

func dispositionView(d *models.Disposition) *DispositionView {
	if d == nil {
		return nil
	}
	return &DispositionView{Resolution: d.Resolution, Response: d.Response, NextClauseRef: d.NextClauseRef, Version: d.Version, UpdatedAt: d.UpdatedAt.UTC()}
}

// DispositionRequest is the body of PUT /comments/{id}/disposition.
type DispositionRequest struct {
	Resolution    string `json:"resolution"`
	Response      string `json:"response"`
	NextClauseRef string `json:"next_clause_ref"`
	Version       *int   `json:"version"`
}

// RecordDisposition records or changes the decision on a comment.
func (h *Handlers) RecordDisposition(c echo.Context) error {
	var req DispositionRequest
	if err := bindJSONLimit(c, &req, maxCommentJSON); err != nil {
		return err
	}
	d, err := models.RecordDisposition(c.Request().Context(), h.DB.DB, CurrentPrincipal(c).User, c.Param("id"), models.DispositionInput{
		Resolution: req.Resolution, Response: req.Response, NextClauseRef: req.NextClauseRef, Version: req.Version,
	}, h.Clock.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, dispositionView(d))
}
