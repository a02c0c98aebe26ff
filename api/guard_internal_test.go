package api

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/assert"

	"consult/handlers"
	"consult/models"
)

func TestGuards(t *testing.T) {
	e := echo.New()
	e.HTTPErrorHandler = errorHandler
	ok := func(c echo.Context) error { return c.NoContent(http.StatusNoContent) }
	for _, a := range []Access{Anyone, SignedIn, Verified, Moderator, Admin} {
		e.GET("/"+string(a), ok, func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c echo.Context) error {
				if u, _ := c.Get("test.user").(*models.User); u != nil {
					handlers.SetPrincipal(c, &handlers.Principal{User: u})
				}
				return next(c)
			}
		}, guard(a))
	}
	users := map[string]*models.User{
		"anonymous":              nil,
		"unverified stakeholder": {Role: models.RoleStakeholder},
		"verified stakeholder":   {Role: models.RoleStakeholder, EmailVerified: true},
		"moderator":              {Role: models.RoleModerator, EmailVerified: true},
		"admin":                  {Role: models.RoleAdmin, EmailVerified: true},
	}
	want := map[string]map[Access]int{
		"anonymous":              {Anyone: 204, SignedIn: 401, Verified: 401, Moderator: 401, Admin: 401},
		"unverified stakeholder": {Anyone: 204, SignedIn: 204, Verified: 403, Moderator: 403, Admin: 403},
		"verified stakeholder":   {Anyone: 204, SignedIn: 204, Verified: 204, Moderator: 403, Admin: 403},
		"moderator":              {Anyone: 204, SignedIn: 204, Verified: 204, Moderator: 204, Admin: 403},
		"admin":                  {Anyone: 204, SignedIn: 204, Verified: 204, Moderator: 204, Admin: 204},
	}
	for who, u := range users {
		for access, status := range want[who] {
			req := httptest.NewRequest(http.MethodGet, "/"+string(access), nil)
			rec := httptest.NewRecorder()
			c := e.NewContext(req, rec)
			c.Set("test.user", u)
			e.Router().Find(http.MethodGet, "/"+string(access), c)
			if err := c.Handler()(c); err != nil {
				e.HTTPErrorHandler(err, c)
			}
			assert.Equal(t, status, rec.Code, "%s on %s", who, access)
			if who == "unverified stakeholder" && access == Verified {
				assert.Contains(t, rec.Body.String(), `"code":"email_not_verified"`)
			}
		}
	}
}
