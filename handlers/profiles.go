package handlers

import (
	"net/http"
	"net/http/pprof"
	"net/netip"
	"strings"

	"github.com/labstack/echo/v4"

	"consult/models"
)

// Profiles serves Go's profiles (net/http/pprof) under /debug/pprof/ when CONSULT_PPROF is on,
// to the networks in CONSULT_METRICS_ALLOW only; otherwise it answers 404 as for /metrics. A CPU
// profile or trace may outlast the server's write timeout: pprof extends the connection's write
// deadline by the profile's length (http.ResponseController, through echo's writers).
func (h *Handlers) Profiles(c echo.Context) error {
	ip, err := netip.ParseAddr(c.RealIP())
	if !h.Config.Pprof || err != nil || !allowed(h.Config.MetricsAllowNets, ip.Unmap()) {
		return models.NotFound("resource")
	}
	profileHandler(c.Request().URL.Path).ServeHTTP(c.Response(), c.Request())
	return nil
}

// profileHandler is net/http/pprof's handler of path; Index serves the index and every named
// profile (heap, goroutine, allocs, …).
func profileHandler(path string) http.Handler {
	switch strings.TrimPrefix(path, "/debug/pprof/") {
	case "cmdline":
		return http.HandlerFunc(pprof.Cmdline)
	case "profile":
		return http.HandlerFunc(pprof.Profile)
	case "symbol":
		return http.HandlerFunc(pprof.Symbol)
	case "trace":
		return http.HandlerFunc(pprof.Trace)
	default:
		return http.HandlerFunc(pprof.Index)
	}
}
