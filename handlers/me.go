package handlers

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"consult/internal/auth/password"
	"consult/internal/mailtext"
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
	p := models.Profile{DisplayName: u.DisplayName, Organisation: u.Organisation, StakeholderType: u.StakeholderType,
		Country: u.Country, TransparencyRegisterID: u.TransparencyRegisterID, Language: u.Language}
	for dst, src := range map[*string]*string{
		&p.DisplayName: req.DisplayName, &p.Organisation: req.Organisation, &p.StakeholderType: req.StakeholderType,
		&p.Country: req.Country, &p.TransparencyRegisterID: req.TransparencyRegisterID, &p.Language: req.Language,
	} {
		if src != nil {
			*dst = strings.TrimSpace(*src)
		}
	}
	if errs := p.Validate(); len(errs) > 0 {
		return models.Invalid("the profile has invalid fields", errs...)
	}
	now := h.Clock.Now()
	err = h.DB.WithContext(c.Request().Context()).Model(u).Updates(map[string]any{
		"display_name": p.DisplayName, "organisation": p.Organisation, "stakeholder_type": p.StakeholderType,
		"country": p.Country, "transparency_register_id": p.TransparencyRegisterID, "language": p.Language, "updated_at": now,
	}).Error
	if err != nil {
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
	ctx, now := c.Request().Context(), h.Clock.Now()
	// Like a sign-in: the attempt is counted before the password is checked, and a right one
	// gives its slot back.
	slots, err := h.reserve(ctx, now, models.Throttle{Key: "password:account:" + p.User.ID, Limit: loginFailuresPerAccount})
	if err != nil {
		return err
	}
	if err := h.Hasher.Verify(ctx, p.User.PasswordHash, req.CurrentPassword); err != nil {
		return models.Invalid("the current password is wrong", models.FieldError{Field: "current_password", Message: "is wrong"})
	}
	if err := slots.Release(ctx, h.DB.DB); err != nil {
		return err
	}
	if err := password.Check(req.NewPassword, p.User.Email, p.User.DisplayName, p.User.Organisation); err != nil {
		return models.Invalid("the new password is not accepted", models.FieldError{Field: "new_password", Message: err.Error()})
	}
	hash, err := h.Hasher.Hash(ctx, req.NewPassword)
	if err != nil {
		return err
	}
	err = h.DB.Transaction(func(tx *gorm.DB) error {
		if err := tx.WithContext(ctx).Model(p.User).Updates(map[string]any{"password_hash": hash, "updated_at": now}).Error; err != nil {
			return err
		}
		if err := models.RevokeUserSessions(ctx, tx, p.User.ID, p.SessionID, now); err != nil {
			return err
		}
		text := mailtext.PasswordChanged(h.Config.BaseURL)
		return models.EnqueueMail(ctx, tx, p.User.Email, text.Subject, text.Body, now)
	})
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
