package handlers

import (
	"context"
	"errors"
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"consult/internal/mailtext"
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
	email := models.NormalizeEmail(req.Email)
	return answerThen(c, func(ctx context.Context) error {
		if email == "" {
			return nil
		}
		mayMail, err := h.mayMailUnproven(ctx, now, email)
		if err != nil || !mayMail {
			return err
		}
		user, err := models.FindUserByEmail(ctx, h.DB.DB, email)
		if errors.Is(err, models.ErrNotFound) || (err == nil && (user.EmailVerified || user.Disabled)) {
			return nil
		} else if err != nil {
			return err
		}
		return h.DB.Transaction(func(tx *gorm.DB) error { return h.mailVerification(ctx, tx, user, now) })
	})
}

// mailVerification issues a verification token for u (earlier ones stop working) and queues the
// mail carrying it. The mail holds no text the registering person chose.
func (h *Handlers) mailVerification(ctx context.Context, tx *gorm.DB, u *models.User, now time.Time) error {
	plain, err := models.IssueOneTimeToken(ctx, tx, u.ID, models.PurposeVerifyEmail, models.VerifyEmailTTL, now)
	if err != nil {
		return err
	}
	text := mailtext.VerifyEmail(h.Config.BaseURL, plain)
	return models.EnqueueMail(ctx, tx, u.Email, text.Subject, text.Body, now)
}
