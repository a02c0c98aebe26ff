package handlers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"consult/models"
)

// Cookie and header names of browser sessions.
const (
	AccessCookie  = "consult_access"
	RefreshCookie = "consult_refresh"
	CSRFCookie    = "consult_csrf"
	CSRFHeader    = "X-CSRF-Token"
	refreshPath   = "/api/v1/auth"
)

func (h *Handlers) cookie(name, value, path string, expires time.Time, httpOnly bool) *http.Cookie {
	// Secure outside development only, so that `make run` works over plain http; the CSRF cookie
	// is readable by design (the app's script echoes it in a header).
	return &http.Cookie{ //nolint:gosec // see above
		Name: name, Value: value, Path: path, Expires: expires, MaxAge: max(1, int(time.Until(expires).Seconds())),
		HttpOnly: httpOnly, Secure: h.Config.IsProduction(), SameSite: http.SameSiteLaxMode,
	}
}

// setSessionCookies gives a browser the tokens in HttpOnly cookies, and the session's CSRF token
// its script can read and send back in the X-CSRF-Token header.
func (h *Handlers) setSessionCookies(c echo.Context, sessionID, access string, accessExp time.Time, refresh string, refreshExp time.Time) {
	c.SetCookie(h.cookie(AccessCookie, access, "/", accessExp, true))
	c.SetCookie(h.cookie(RefreshCookie, refresh, refreshPath, refreshExp, true))
	c.SetCookie(h.cookie(CSRFCookie, h.csrfToken(sessionID), "/", refreshExp, false))
}

// csrfToken is the session's CSRF token: an HMAC of the session id under a key derived from the
// token signing secret. Only the server can make it, and it is good for one session only, so a
// token planted in a cookie (from a sibling site) matches no one's session.
func (h *Handlers) csrfToken(sessionID string) string {
	kdf := hmac.New(sha256.New, []byte(h.Config.JWTSecret))
	kdf.Write([]byte("consult csrf key v1"))
	mac := hmac.New(sha256.New, kdf.Sum(nil))
	mac.Write([]byte(sessionID))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

func (h *Handlers) clearSessionCookies(c echo.Context) {
	for _, ck := range []struct{ name, path string }{{AccessCookie, "/"}, {RefreshCookie, refreshPath}, {CSRFCookie, "/"}} {
		expired := &http.Cookie{Name: ck.name, Value: "", Path: ck.path, MaxAge: -1, HttpOnly: ck.name != CSRFCookie, //nolint:gosec // it carries no value
			Secure: h.Config.IsProduction(), SameSite: http.SameSiteLaxMode}
		c.SetCookie(expired)
	}
}

// CheckOrigin refuses a request that a browser marks as coming from another site: Sec-Fetch-Site
// other than same-origin or none, or an Origin other than the site's own (CONSULT_BASE_URL).
func (h *Handlers) CheckOrigin(c echo.Context) error {
	r := c.Request()
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return models.Forbidden("cross-site requests are refused")
	}
	if origin := r.Header.Get("Origin"); origin != "" && origin != h.siteOrigin() {
		return models.Forbidden("requests from another origin are refused")
	}
	return nil
}

func (h *Handlers) siteOrigin() string {
	u, err := url.Parse(h.Config.BaseURL)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// CheckCSRF is the defence for unsafe requests authenticated by cookie: the origin check plus the
// X-CSRF-Token header, which must be the token of the session the request acts in.
func (h *Handlers) CheckCSRF(c echo.Context, sessionID string) error {
	if err := h.CheckOrigin(c); err != nil {
		return err
	}
	header := c.Request().Header.Get(CSRFHeader)
	if sessionID == "" || !hmac.Equal([]byte(header), []byte(h.csrfToken(sessionID))) {
		return models.Forbidden("the CSRF token is missing or wrong: send the consult_csrf cookie's value in the X-CSRF-Token header")
	}
	return nil
}
