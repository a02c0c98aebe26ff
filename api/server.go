// Package api is consult's HTTP surface: the contract (openapi.yaml), the route table, the
// middleware chain and the one error handler that turns errors into problem+json.
package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"consult/handlers"
	"consult/internal/auth/password"
	"consult/internal/auth/token"
	"consult/internal/clock"
	"consult/internal/config"
	"consult/internal/database"
	"consult/internal/neardup"
	"consult/internal/storage"
	"consult/models"
)

// MaxBodyBytes bounds every request body; endpoints that take uploads check their own lower limits.
const MaxBodyBytes = "12M"

// Deps are what the server needs from the process.
type Deps struct {
	Config    *config.Config
	DB        *database.DB
	Readiness *database.Readiness
	Clock     clock.Clock
	Log       *slog.Logger
	Hasher    *password.Hasher
	Tokens    *token.Issuer
	Files     storage.Store
	Grouping  neardup.Config    // campaign clusters; the zero value means neardup.DefaultConfig()
	Clusters  *models.Clusterer // nil: a new one, grouping by Grouping
}

// New builds the router with its middleware and every route of the table.
func New(d Deps) *echo.Echo {
	if d.Clock == nil {
		d.Clock = clock.System{}
	}
	if d.Grouping == (neardup.Config{}) {
		d.Grouping = neardup.DefaultConfig()
	}
	if d.Clusters == nil {
		d.Clusters = models.NewClusterer(d.DB.DB, d.Grouping, d.Log)
	}
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = errorHandler
	e.IPExtractor = ipExtractor(d.Config)

	reg := prometheus.NewRegistry()
	// The GC's runtime metrics too: go_gc_heap_live_bytes, the heap the last collection kept, is
	// what requests hold; the allocated heap also counts garbage not collected yet.
	reg.MustRegister(collectors.NewGoCollector(collectors.WithGoCollectorRuntimeMetrics(collectors.MetricsGC)),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "consult_campaign_index_comments",
			Help: "Comments held by the campaign-cluster indexes in memory."},
			func() float64 { return float64(d.Clusters.IndexedComments()) }))
	metrics := newHTTPMetrics(reg)

	e.Use(requestID(d.Log))
	e.Use(accessLog())
	e.Use(metrics.middleware)
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{
		DisableErrorHandler: true,
		DisableStackAll:     true,
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			d.Log.Error("panic recovered", "error", err, "stack", string(stack))
			return err
		},
	}))
	e.Use(securityHeaders(d.Config.IsProduction()))
	e.Use(middleware.BodyLimit(MaxBodyBytes))
	answers := newAnswerCache(d.Clock)
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{MinLength: gzipMinLength, Level: gzipLevel,
		Skipper: func(c echo.Context) bool { return answers.compressesItself(c) || isWrite(c) }}))
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{MinLength: gzipMinWriteLength, Level: gzipLevel,
		Skipper: func(c echo.Context) bool { return !isWrite(c) }}))
	h := &handlers.Handlers{
		DB:        d.DB,
		Clock:     d.Clock,
		Config:    d.Config,
		Readiness: d.Readiness,
		Gatherer:  reg,
		OpenAPI:   OpenAPIDocument(),
		Hasher:    d.Hasher,
		Tokens:    d.Tokens,
		Files:     d.Files,
		Rendered:  handlers.NewClauseHTML(),
		Clusters:  d.Clusters,
	}
	e.Use(cleanText)
	e.Use(migrationGate(d.Readiness))
	e.Use(noStore)
	e.Use(authenticate(h))
	e.Use(answers.invalidate)
	registerRoutes(e, h, answers)
	registerFrontend(e)
	return e
}

// ipExtractor takes the client address from the socket, and from X-Forwarded-For only when the
// socket peer is a configured trusted proxy; a forged header from anyone else changes nothing.
func ipExtractor(cfg *config.Config) echo.IPExtractor {
	if len(cfg.TrustedProxyNets) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, p := range cfg.TrustedProxyNets {
		_, n, err := net.ParseCIDR(p.String())
		if err == nil {
			opts = append(opts, echo.TrustIPRange(n))
		}
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// Serve answers on ln until ctx ends, then stops accepting, lets in-flight requests finish
// within drain, and returns. The caller closes the database afterwards.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, drain time.Duration, log *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: draining in-flight requests", "deadline", drain)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("drain did not finish within %s: %w", drain, err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
