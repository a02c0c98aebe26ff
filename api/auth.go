package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"consult/handlers"
	"consult/models"
)

// authenticate reads the caller's access token (an Authorization: Bearer header, or the browser's
// cookie), checks it and its session, and puts the principal on the request. A bad bearer token
// is refused at once; a bad cookie leaves the request anonymous, so an expired cookie never
// breaks public pages (a database that cannot check the session fails the request instead).
// Unsafe requests authenticated by cookie must pass the CSRF defence.
func authenticate(h *handlers.Handlers) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			raw, viaCookie := "", false
			if header := c.Request().Header.Get(echo.HeaderAuthorization); header != "" {
				scheme, value, ok := strings.Cut(header, " ")
				if !ok || !strings.EqualFold(scheme, "Bearer") || value == "" {
					return unauthenticated("use the Authorization header as: Bearer <access_token>")
				}
				raw = value
			} else if ck, err := c.Cookie(handlers.AccessCookie); err == nil && ck.Value != "" {
				raw, viaCookie = ck.Value, true
			}
			if raw == "" {
				return next(c)
			}
			p, err := principal(c, h, raw)
			if err != nil {
				if viaCookie && errors.Is(err, errUnauthenticated) {
					return next(c)
				}
				return err
			}
			p.ViaCookie = viaCookie
			if viaCookie && !safeMethod(c.Request().Method) {
				if err := h.CheckCSRF(c, p.SessionID); err != nil {
					return err
				}
			}
			handlers.SetPrincipal(c, p)
			return next(c)
		}
	}
}

func principal(c echo.Context, h *handlers.Handlers, raw string) (*handlers.Principal, error) {
	claims, err := h.Tokens.ParseAccess(raw)
	if err != nil {
		return nil, unauthenticated("the access token is not valid; sign in again or refresh it")
	}
	u, err := models.ActiveUser(c.Request().Context(), h.DB.DB, claims.Family, claims.UserID, h.Clock.Now())
	if err != nil {
		return nil, err
	}
	return &handlers.Principal{User: u, SessionID: claims.Family}, nil
}

// errUnauthenticated matches any unauthenticated error (errors.Is compares codes).
var errUnauthenticated = &models.Error{Code: models.CodeUnauthenticated}

func unauthenticated(msg string) error {
	return &models.Error{Code: models.CodeUnauthenticated, Message: msg}
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// guard enforces a route's Access from the route table.
func guard(a Access) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		if a == Anyone {
			return next
		}
		return func(c echo.Context) error {
			p := handlers.CurrentPrincipal(c)
			if p == nil {
				return unauthenticated("sign in first")
			}
			switch a {
			case Verified:
				if !p.User.EmailVerified {
					return &models.Error{Code: models.CodeEmailNotVerified, Message: "confirm your email address first: follow the link in the mail we sent"}
				}
			case Moderator:
				if !p.User.Role.AtLeast(models.RoleModerator) {
					return models.Forbidden("this needs the moderator role")
				}
			case Admin:
				if !p.User.Role.AtLeast(models.RoleAdmin) {
					return models.Forbidden("this needs the admin role")
				}
			}
			return next(c)
		}
	}
}
