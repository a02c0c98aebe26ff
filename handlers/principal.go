package handlers

import (
	"github.com/labstack/echo/v4"

	"consult/models"
)

// Principal is the caller, once authenticated.
type Principal struct {
	User      *models.User
	SessionID string
	ViaCookie bool
}

const principalKey = "consult.principal"

// SetPrincipal stores the authenticated caller on the request.
func SetPrincipal(c echo.Context, p *Principal) { c.Set(principalKey, p) }

// CurrentPrincipal returns the authenticated caller, or nil for an anonymous request.
func CurrentPrincipal(c echo.Context) *Principal {
	p, _ := c.Get(principalKey).(*Principal)
	return p
}

// currentUser returns the signed-in user; route guards make sure there is one.
func currentUser(c echo.Context) (*models.User, error) {
	p := CurrentPrincipal(c)
	if p == nil {
		return nil, &models.Error{Code: models.CodeUnauthenticated, Message: "sign in first"}
	}
	return p.User, nil
}

// currentViewer returns the signed-in user, or nil for an anonymous request.
func currentViewer(c echo.Context) *models.User {
	if p := CurrentPrincipal(c); p != nil {
		return p.User
	}
	return nil
}
