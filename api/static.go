package api

import (
	"errors"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"

	"consult/frontend"
)

// registerFrontend serves the embedded web app: files as they are, hashed assets with a long cache
// lifetime, and index.html for every other path so that client-side routes load the app. A
// missing file under /assets/ is a 404.
func registerFrontend(e *echo.Echo) {
	dist := frontend.Dist()
	serve := func(c echo.Context) error {
		name := strings.TrimPrefix(path.Clean("/"+c.Param("*")), "/")
		if name == "" {
			name = "index.html"
		}
		if st, err := fs.Stat(dist, name); err != nil || st.IsDir() {
			if strings.HasPrefix(name, "assets/") {
				// A hashed asset that is not there (an old build's, a typo) is missing, not a page
				// of the app: the app's HTML under a script's URL would only confuse the browser.
				return c.String(http.StatusNotFound, "not found\n")
			}
			name = "index.html"
		}
		body, err := fs.ReadFile(dist, name)
		if errors.Is(err, fs.ErrNotExist) {
			return c.String(http.StatusServiceUnavailable, "The web app is not built. Run `make run` (or `make frontend`), then reload.\n")
		}
		if err != nil {
			return err
		}
		if strings.HasPrefix(name, "assets/") {
			c.Response().Header().Set(echo.HeaderCacheControl, "public, max-age=31536000, immutable")
		} else {
			c.Response().Header().Set(echo.HeaderCacheControl, "no-cache")
		}
		return c.Blob(http.StatusOK, contentType(name), body)
	}
	e.GET("/*", serve)
	e.HEAD("/*", serve)
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".json", ".map":
		return "application/json"
	case ".ico":
		return "image/x-icon"
	case ".png":
		return "image/png"
	default:
		return "application/octet-stream"
	}
}
