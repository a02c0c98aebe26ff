package handlers

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"consult/models"
)

// ListUsers lists accounts for admins, filtered by role and email, newest first.
func (h *Handlers) ListUsers(c echo.Context) error {
	limit, err := pageLimit(c)
	if err != nil {
		return err
	}
	q := models.UserQuery{Role: models.Role(c.QueryParam("role")), Email: c.QueryParam("email"),
		Page: models.Page{Cursor: c.QueryParam("cursor"), Limit: limit}}
	users, next, err := models.ListUsers(c.Request().Context(), h.DB.DB, q)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(users, next, userView))
}

// UpdateUserRequest is the body of PATCH /admin/users/{id}.
type UpdateUserRequest struct {
	Role     *models.Role `json:"role"`
	Disabled *bool        `json:"disabled"`
}

// UpdateUser changes an account's role or disabled flag; disabling ends its sessions at once.
// Each change is written to the audit trail.
func (h *Handlers) UpdateUser(c echo.Context) error {
	var req UpdateUserRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	admin := CurrentPrincipal(c).User
	u, err := models.UpdateUserAccess(c.Request().Context(), h.DB.DB, admin, c.Param("id"), models.AccessChange{Role: req.Role, Disabled: req.Disabled}, h.Clock.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, userView(u))
}

// pageLimit reads ?limit= (1..200, default 50).
func pageLimit(c echo.Context) (int, error) {
	raw := c.QueryParam("limit")
	if raw == "" {
		return 50, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > 200 {
		return 0, models.Invalid("the query has invalid parameters", models.FieldError{Field: "limit", Message: "must be a whole number from 1 to 200"})
	}
	return n, nil
}
