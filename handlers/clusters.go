package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"consult/models"
)

// ListClusters shows moderators the groups of near-identical comments of a consultation, with
// their sizes and a representative text.
func (h *Handlers) ListClusters(c echo.Context) error {
	clusters, err := models.ClustersOf(c.Request().Context(), h.DB.DB, h.Grouping, c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, List[models.Cluster]{Items: clusters})
}
