package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"consult/models"
)

// ListClusters shows moderators the groups of near-identical comments of a consultation, with
// their sizes and a representative text.
func (h *Handlers) ListClusters(c echo.Context) error {
	ctx := c.Request().Context()
	con, err := models.FindConsultation(ctx, h.DB.DB, c.Param("id"))
	if err != nil {
		return err
	}
	clusters, err := models.ConsultationClusters(ctx, h.DB.DB, con.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, List[models.Cluster]{Items: clusters})
}
