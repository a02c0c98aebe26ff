package handlers

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"consult/internal/logging"
	"consult/models"
)

// RegisterRequest is the body of POST /auth/register.
type RegisterRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	ProfileBody
}

// Register creates a stakeholder account and mails a verification link. An address that has an
// account gets the same answer, and its owner a mail, so registration reveals no accounts.
func (h *Handlers) Register(c echo.Context) error {
	var req RegisterRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ctx, now := c.Request().Context(), h.Clock.Now()
	if _, err := h.reserve(ctx, now, models.Throttle{Key: "register:ip:" + c.RealIP(), Limit: registrationsPerIP}); err != nil {
		return err
	}
	user, err := models.Register(ctx, h.DB.DB, h.Hasher, models.Registration{Email: req.Email, Password: req.Password, Profile: req.profile()},
		h.Config.BaseURL, now)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, userView(user))
}

// TokenRequest carries a one-time token from a mailed link.
type TokenRequest struct {
	Token string `json:"token"`
}

// VerifyEmail spends a verification token and marks the address verified.
func (h *Handlers) VerifyEmail(c echo.Context) error {
	var req TokenRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ctx, now := c.Request().Context(), h.Clock.Now()
	if _, err := h.reserve(ctx, now, models.Throttle{Key: "token:ip:" + c.RealIP(), Limit: tokenAttemptsPerIP}); err != nil {
		return err
	}
	if err := models.VerifyEmail(ctx, h.DB.DB, req.Token, now); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// LoginRequest is the body of POST /auth/login.
type LoginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// TokenResponse is the answer to a sign-in or a refresh.
type TokenResponse struct {
	AccessToken  string   `json:"access_token"`
	TokenType    string   `json:"token_type"`
	ExpiresIn    int      `json:"expires_in"`
	RefreshToken string   `json:"refresh_token"`
	User         UserView `json:"user"`
}

// Login checks the password and opens a session. Unknown and known emails get the same answer
// after the same work, and failures are throttled per account and per client address.
func (h *Handlers) Login(c echo.Context) error {
	if err := h.CheckOrigin(c); err != nil {
		return err
	}
	var req LoginRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	now := h.Clock.Now()
	user, session, refresh, err := models.SignIn(c.Request().Context(), h.DB.DB, h.Hasher, models.Credentials(req), c.Request().UserAgent(),
		models.Throttle{Key: "login:ip:" + c.RealIP(), Limit: loginFailuresPerIP}, now)
	if err != nil {
		return err
	}
	return h.answerTokens(c, user, session, refresh, now)
}

func (h *Handlers) answerTokens(c echo.Context, user *models.User, session *models.Session, refresh string, now time.Time) error {
	access, exp, err := h.Tokens.IssueAccess(user.ID, string(user.Role), session.ID)
	if err != nil {
		return err
	}
	refreshExp := now.Add(models.RefreshTTL)
	if refreshExp.After(session.ExpiresAt) {
		refreshExp = session.ExpiresAt
	}
	h.setSessionCookies(c, session.ID, access, exp, refresh, refreshExp)
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusOK, TokenResponse{
		AccessToken: access, TokenType: "Bearer", ExpiresIn: int(exp.Sub(now).Seconds()), RefreshToken: refresh, User: userView(user),
	})
}

// RefreshRequest is the body of POST /auth/refresh; browsers may send the cookie instead.
type RefreshRequest struct {
	RefreshToken string `json:"refresh_token"`
}

// Refresh rotates a refresh token: the old one dies, a new pair comes back. A spent token
// presented again ends its whole session.
func (h *Handlers) Refresh(c echo.Context) error {
	var req RefreshRequest
	if c.Request().ContentLength != 0 {
		if err := bindJSON(c, &req); err != nil {
			return err
		}
	}
	if req.RefreshToken == "" {
		ck, err := c.Cookie(RefreshCookie)
		if err != nil {
			return &models.Error{Code: models.CodeUnauthenticated, Message: "send the refresh_token"}
		}
		// Without an access token, the CSRF token is bound to the refresh token's session.
		sessionID, err := models.SessionOfRefresh(c.Request().Context(), h.DB.DB, ck.Value)
		if err != nil {
			return err
		}
		if err := h.CheckCSRF(c, sessionID); err != nil {
			return err
		}
		req.RefreshToken = ck.Value
	}
	now := h.Clock.Now()
	session, user, next, err := models.RotateRefresh(c.Request().Context(), h.DB.DB, req.RefreshToken, now)
	if err != nil {
		if errors.Is(err, models.ErrRefreshReused) {
			logging.From(c.Request().Context()).Warn("refresh token reuse: session revoked")
		}
		return err
	}
	return h.answerTokens(c, user, session, next, now)
}

// Logout ends the caller's session (the refresh token family); its access tokens die with it.
func (h *Handlers) Logout(c echo.Context) error {
	p := CurrentPrincipal(c)
	if err := models.RevokeSession(c.Request().Context(), h.DB.DB, p.SessionID, h.Clock.Now()); err != nil {
		return err
	}
	h.clearSessionCookies(c)
	return c.NoContent(http.StatusNoContent)
}

// PasswordResetRequest is the body of POST /auth/password-reset.
type PasswordResetRequest struct {
	Email string `json:"email"`
}

// RequestPasswordReset mails a one-time link when the account exists; the answer is always 204.
// A known and an unknown address cost the same before the answer: the per-address count and the
// account's mail come after it.
func (h *Handlers) RequestPasswordReset(c echo.Context) error {
	var req PasswordResetRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	now := h.Clock.Now()
	if _, err := h.reserve(c.Request().Context(), now, models.Throttle{Key: "reset:ip:" + c.RealIP(), Limit: resetRequestsPerIP}); err != nil {
		return err
	}
	return answerThen(c, func(ctx context.Context) error {
		return models.RequestPasswordReset(ctx, h.DB.DB, req.Email, h.Config.BaseURL, now)
	})
}

// PasswordResetConfirmRequest is the body of POST /auth/password-reset/confirm.
type PasswordResetConfirmRequest struct {
	Token    string `json:"token"`
	Password string `json:"password"`
}

// ConfirmPasswordReset spends a reset token, sets the new password and ends every session.
func (h *Handlers) ConfirmPasswordReset(c echo.Context) error {
	var req PasswordResetConfirmRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ctx, now := c.Request().Context(), h.Clock.Now()
	if _, err := h.reserve(ctx, now, models.Throttle{Key: "token:ip:" + c.RealIP(), Limit: tokenAttemptsPerIP}); err != nil {
		return err
	}
	if err := models.ConfirmPasswordReset(ctx, h.DB.DB, h.Hasher, req.Token, req.Password, h.Config.BaseURL, now); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
