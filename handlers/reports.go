package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"consult/models"
)

// ReportRequest is the body of POST /comments/{id}/reports.
type ReportRequest struct {
	Reason  string `json:"reason"`
	Details string `json:"details"`
}

// ReportComment lets a signed-in reader report abuse in a published comment.
func (h *Handlers) ReportComment(c echo.Context) error {
	var req ReportRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	r, err := models.ReportComment(c.Request().Context(), h.DB.DB, CurrentPrincipal(c).User, c.Param("id"), req.Reason, req.Details, h.Clock.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, r)
}

// ListReports shows moderators the open reports, oldest first.
func (h *Handlers) ListReports(c echo.Context) error {
	limit, err := pageLimit(c)
	if err != nil {
		return err
	}
	reports, next, err := models.OpenReports(c.Request().Context(), h.DB.DB, models.Page{Cursor: c.QueryParam("cursor"), Limit: limit})
	if err != nil {
		return err
	}
	if reports == nil {
		reports = []models.Report{}
	}
	return c.JSON(http.StatusOK, List[models.Report]{Items: reports, NextCursor: next})
}
