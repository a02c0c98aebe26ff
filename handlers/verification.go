package handlers

import (
	"context"

	"github.com/labstack/echo/v4"

	"consult/models"
)

// ResendVerificationRequest is the body of POST /auth/verify-email/resend.
type ResendVerificationRequest struct {
	Email string `json:"email"`
}

// ResendVerification mails a new verification link when the address belongs to an unverified
// account. The answer is always 204, after the same work whatever the address: it reveals no
// accounts. Requests are limited per client (429) and mails per address (silently).
func (h *Handlers) ResendVerification(c echo.Context) error {
	var req ResendVerificationRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	now := h.Clock.Now()
	if _, err := h.reserve(c.Request().Context(), now, models.Throttle{Key: "resend:ip:" + c.RealIP(), Limit: resendsPerIP}); err != nil {
		return err
	}
	return answerThen(c, func(ctx context.Context) error {
		return models.ResendVerification(ctx, h.DB.DB, req.Email, h.Config.BaseURL, now)
	})
}
