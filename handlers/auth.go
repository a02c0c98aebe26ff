package handlers

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"consult/internal/auth/password"
	"consult/internal/logging"
	"consult/internal/mailtext"
	"consult/models"
)

// RegisterRequest is the body of POST /auth/register.
type RegisterRequest struct {
	Email                  string `json:"email"`
	Password               string `json:"password"`
	DisplayName            string `json:"display_name"`
	Organisation           string `json:"organisation"`
	StakeholderType        string `json:"stakeholder_type"`
	Country                string `json:"country"`
	TransparencyRegisterID string `json:"transparency_register_id"`
	Language               string `json:"language"`
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
	profile := models.Profile{DisplayName: req.DisplayName, Organisation: req.Organisation, StakeholderType: req.StakeholderType,
		Country: req.Country, TransparencyRegisterID: req.TransparencyRegisterID, Language: req.Language}
	errs := profile.Validate()
	email := models.NormalizeEmail(req.Email)
	if email == "" {
		errs = append([]models.FieldError{{Field: "email", Message: "is not a valid email address"}}, errs...)
	}
	if err := password.Check(req.Password, req.Email, req.DisplayName, req.Organisation); err != nil {
		errs = append(errs, models.FieldError{Field: "password", Message: err.Error()})
	}
	if len(errs) > 0 {
		return models.Invalid("the registration has invalid fields", errs...)
	}
	// Whoever registers has not shown they control the address: its mails are limited per address.
	mayMail, err := h.mayMailUnproven(ctx, now, email)
	if err != nil {
		return err
	}
	hash, err := h.Hasher.Hash(ctx, req.Password)
	if err != nil {
		return err
	}
	var user *models.User
	err = h.DB.Transaction(func(tx *gorm.DB) error {
		var u *models.User
		// A savepoint: on PostgreSQL a failed insert would otherwise abort the whole transaction.
		err := tx.Transaction(func(inner *gorm.DB) error {
			var err error
			u, err = models.CreateUser(ctx, inner, models.NewAccount{Email: email, PasswordHash: hash, Role: models.RoleStakeholder, Profile: profile}, now)
			return err
		})
		if errors.Is(err, models.ErrConflict) {
			if !mayMail {
				return nil
			}
			text := mailtext.AlreadyRegistered(h.Config.BaseURL)
			return models.EnqueueMail(ctx, tx, email, text.Subject, text.Body, now)
		}
		if err != nil {
			return err
		}
		user = u
		if !mayMail {
			return nil // the owner can ask for the link again once the window has passed
		}
		return h.mailVerification(ctx, tx, u, now)
	})
	if err != nil {
		return err
	}
	if user == nil {
		// The same shape as a new account; nothing about the existing one leaks.
		user = &models.User{ID: models.NewID(), Email: email, DisplayName: profile.DisplayName, Organisation: profile.Organisation,
			StakeholderType: profile.StakeholderType, Country: profile.Country, TransparencyRegisterID: profile.TransparencyRegisterID,
			Language: profile.Language, Role: models.RoleStakeholder, CreatedAt: now}
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
	err := h.DB.Transaction(func(tx *gorm.DB) error {
		u, err := models.ConsumeOneTimeToken(ctx, tx, req.Token, models.PurposeVerifyEmail, now)
		if err != nil {
			return err
		}
		return tx.Model(u).Updates(map[string]any{"email_verified": true, "updated_at": now}).Error
	})
	if err != nil {
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

var errBadCredentials = &models.Error{Code: models.CodeUnauthenticated, Message: "the email or the password is wrong"}

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
	ctx, now := c.Request().Context(), h.Clock.Now()
	// Every attempt takes its slot before the password is checked; a right password gives it back,
	// so only failures (and attempts still running) count.
	slots, err := h.reserve(ctx, now,
		models.Throttle{Key: "login:account:" + digest(strings.ToLower(strings.TrimSpace(req.Email))), Limit: loginFailuresPerAccount},
		models.Throttle{Key: "login:ip:" + c.RealIP(), Limit: loginFailuresPerIP})
	if err != nil {
		return err
	}
	user, err := models.FindUserByEmail(ctx, h.DB.DB, req.Email)
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		return err
	}
	var verr error
	if user == nil {
		verr = h.Hasher.DummyVerify(ctx, req.Password)
	} else {
		verr = h.Hasher.Verify(ctx, user.PasswordHash, req.Password)
	}
	if verr != nil || user.Disabled {
		if errors.Is(verr, context.Canceled) {
			return verr
		}
		return errBadCredentials
	}
	if err := slots.Release(ctx, h.DB.DB); err != nil {
		return err
	}
	if h.Hasher.NeedsRehash(user.PasswordHash) {
		if hash, err := h.Hasher.Hash(ctx, req.Password); err == nil {
			h.DB.Model(user).Update("password_hash", hash)
		}
	}
	session, refresh, err := models.StartSession(ctx, h.DB.DB, user.ID, c.Request().UserAgent(), now)
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
		// Counted for every address, known or not, so both paths write the same counters.
		_, err := h.reserve(ctx, now, models.Throttle{Key: "reset:address:" + digest(models.NormalizeEmail(req.Email)), Limit: resetMailsPerAddress})
		if errors.Is(err, &models.Error{Code: models.CodeRateLimited}) {
			return nil // enough links are on their way
		} else if err != nil {
			return err
		}
		user, err := models.FindUserByEmail(ctx, h.DB.DB, req.Email)
		if errors.Is(err, models.ErrNotFound) || (err == nil && user.Disabled) {
			return nil
		} else if err != nil {
			return err
		}
		return h.DB.Transaction(func(tx *gorm.DB) error {
			plain, err := models.IssueOneTimeToken(ctx, tx, user.ID, models.PurposePasswordReset, models.PasswordResetTTL, now)
			if err != nil {
				return err
			}
			text := mailtext.PasswordReset(h.Config.BaseURL, plain)
			return models.EnqueueMail(ctx, tx, user.Email, text.Subject, text.Body, now)
		})
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
	// Both fields are checked before the token is spent, and every fault is named.
	errs := models.CheckOneTimeTokenShape(req.Token)
	if err := password.Check(req.Password); err != nil {
		errs = append(errs, models.FieldError{Field: "password", Message: err.Error()})
	}
	if len(errs) > 0 {
		return models.Invalid("the new password is not accepted", errs...)
	}
	hash, err := h.Hasher.Hash(ctx, req.Password)
	if err != nil {
		return err
	}
	err = h.DB.Transaction(func(tx *gorm.DB) error {
		u, err := models.ConsumeOneTimeToken(ctx, tx, req.Token, models.PurposePasswordReset, now)
		if err != nil {
			return err
		}
		if err := password.Check(req.Password, u.Email, u.DisplayName, u.Organisation); err != nil {
			return models.Invalid("the new password is not accepted", models.FieldError{Field: "password", Message: err.Error()})
		}
		if err := tx.Model(u).Updates(map[string]any{"password_hash": hash, "email_verified": true, "updated_at": now}).Error; err != nil {
			return err
		}
		if err := models.RevokeUserSessions(ctx, tx, u.ID, "", now); err != nil {
			return err
		}
		text := mailtext.PasswordChanged(h.Config.BaseURL)
		return models.EnqueueMail(ctx, tx, u.Email, text.Subject, text.Body, now)
	})
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
