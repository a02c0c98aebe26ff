package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"consult/models"
)

// Me returns the caller's profile.
func (h *Handlers) Me(c echo.Context) error {
	u, err := currentUser(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, userView(u))
}

// UpdateMeRequest is the body of PATCH /me: profile fields only. Anything else (role,
// email_verified, email, disabled) is an unknown field and refused.
type UpdateMeRequest struct {
	DisplayName            *string `json:"display_name"`
	Organisation           *string `json:"organisation"`
	StakeholderType        *string `json:"stakeholder_type"`
	Country                *string `json:"country"`
	TransparencyRegisterID *string `json:"transparency_register_id"`
	Language               *string `json:"language"`
}

// UpdateMe changes profile fields of the caller's own account.
func (h *Handlers) UpdateMe(c echo.Context) error {
	u, err := currentUser(c)
	if err != nil {
		return err
	}
	var req UpdateMeRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	if err := models.UpdateProfile(c.Request().Context(), h.DB.DB, u, models.ProfileChange(req), h.Clock.Now()); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, userView(u))
}

// ChangePasswordRequest is the body of POST /me/password.
type ChangePasswordRequest struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

// ChangePassword replaces the caller's password after checking the current one, and ends every
// other session of the account.
func (h *Handlers) ChangePassword(c echo.Context) error {
	p := CurrentPrincipal(c)
	var req ChangePasswordRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	err := models.ChangePassword(c.Request().Context(), h.DB.DB, h.Hasher, p.User, p.SessionID,
		models.PasswordChange{Current: req.CurrentPassword, New: req.NewPassword}, h.Config.BaseURL, h.Clock.Now())
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// MyData returns everything held about the caller (GDPR access and portability), as a download.
func (h *Handlers) MyData(c echo.Context) error {
	u, err := currentUser(c)
	if err != nil {
		return err
	}
	export, err := models.PersonalData(c.Request().Context(), h.DB.DB, u)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="consult-my-data.json"`)
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusOK, export)
}

// DeleteMe erases the caller's account and personal data (GDPR erasure); see the privacy notice.
func (h *Handlers) DeleteMe(c echo.Context) error {
	u, err := currentUser(c)
	if err != nil {
		return err
	}
	if err := models.EraseUser(c.Request().Context(), h.DB.DB, u); err != nil {
		return err
	}
	h.clearSessionCookies(c)
	return c.NoContent(http.StatusNoContent)
}

// MyCommentView is one of the caller's comments, naming its consultation and clause.
type MyCommentView struct {
	CommentView
	CommentPlaceView
}

// MyComments lists the caller's own comments with their status, disposition and place.
func (h *Handlers) MyComments(c echo.Context) error {
	limit, err := pageLimit(c)
	if err != nil {
		return err
	}
	comments, next, err := models.OwnComments(c.Request().Context(), h.DB.DB, CurrentPrincipal(c).User.ID, models.Page{Cursor: c.QueryParam("cursor"), Limit: limit})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(comments, next, func(own *models.OwnComment) MyCommentView {
		v := MyCommentView{CommentView: commentView(&own.Comment), CommentPlaceView: commentPlaceView(own.Place)}
		if own.Disposition != nil {
			v.Disposition = dispositionView(own.Disposition)
		}
		return v
	}))
}
