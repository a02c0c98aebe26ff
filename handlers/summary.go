package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"consult/models"
)

// Summary counts a consultation's comments by stakeholder type, country, clause, comment type,
// day, status and resolution: published data for everyone, all comments for moderators unless
// they ask for ?scope=public. An unknown scope is refused, never read as another one.
func (h *Handlers) Summary(c echo.Context) error {
	ctx := c.Request().Context()
	con, err := models.FindConsultation(ctx, h.DB.DB, c.Param("id"))
	if err != nil {
		return err
	}
	scope, err := models.SummaryScope(currentViewer(c), c.QueryParam("scope"))
	if err != nil {
		return err
	}
	s, err := models.ConsultationSummary(ctx, h.DB.DB, con, scope)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s)
}
