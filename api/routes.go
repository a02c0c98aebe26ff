package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"consult/handlers"
	"consult/models"
)

// Route is one line of the route table: which method and path, who may call it, which handler.
type Route struct {
	Method  string
	Path    string
	Access  Access
	Handler echo.HandlerFunc
}

// Access says who may call a route.
type Access string

// Who may call a route. Guards for signed-in users and roles join with the accounts feature.
const (
	Anyone Access = "anyone"
)

// Routes is the route table. A reader who knows the route knows the handler, and the handler's
// file is named after the resource. api/openapi.yaml describes exactly these routes (a test
// keeps them in step).
func Routes(h *handlers.Handlers) []Route {
	return []Route{
		{http.MethodGet, "/healthz", Anyone, h.Healthz},
		{http.MethodGet, "/readyz", Anyone, h.Readyz},
		{http.MethodGet, "/metrics", Anyone, h.Metrics},
		{http.MethodGet, "/api/openapi.yaml", Anyone, h.OpenAPIDocument},
	}
}

func registerRoutes(e *echo.Echo, h *handlers.Handlers) {
	for _, r := range Routes(h) {
		e.Add(r.Method, r.Path, r.Handler)
	}
	// Anything else under /api/ is an unknown resource: problem+json, never the web app's HTML.
	e.Any("/api/*", func(echo.Context) error { return models.NotFound("resource") })
}
