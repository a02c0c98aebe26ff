package handlers

import (
	"context"
	"net/http"
	"net/netip"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"consult/internal/logging"
	"consult/models"
)

// Healthz answers 200 while the process runs.
func (h *Handlers) Healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// Readyz answers 200 when the database answers and no migration is pending, else 503.
func (h *Handlers) Readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	if err := h.Readiness.Check(ctx); err != nil {
		logging.From(ctx).Warn("not ready", "error", err)
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": readinessReason(h.Readiness.MigrationPending())})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ready"})
}

func readinessReason(migrationPending bool) string {
	if migrationPending {
		return "a database migration is pending"
	}
	return "the database does not answer"
}

// Metrics serves Prometheus metrics to the networks in CONSULT_METRICS_ALLOW only.
func (h *Handlers) Metrics(c echo.Context) error {
	ip, err := netip.ParseAddr(c.RealIP())
	if err != nil || !allowed(h.Config.MetricsAllowNets, ip.Unmap()) {
		return models.NotFound("resource")
	}
	// The gzip middleware compresses the answer: promhttp compressing it too gave a scraper that
	// accepts gzip a body compressed twice.
	promhttp.HandlerFor(h.Gatherer, promhttp.HandlerOpts{DisableCompression: true}).ServeHTTP(c.Response(), c.Request())
	return nil
}

func allowed(nets []netip.Prefix, ip netip.Addr) bool {
	for _, n := range nets {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}

// OpenAPIDocument serves the contract.
func (h *Handlers) OpenAPIDocument(c echo.Context) error {
	c.Response().Header().Set(echo.HeaderCacheControl, "public, max-age=300")
	return c.Blob(http.StatusOK, "application/yaml", h.OpenAPI)
}
