package api

import (
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus"

	"consult/handlers"
	"consult/internal/database"
	"consult/internal/logging"
	"consult/internal/problem"
	"consult/models"
)

// contentSecurityPolicy allows only the app's own scripts, styles and connections.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// requestID keeps a well-formed incoming X-Request-ID (from a proxy) or makes one, echoes it in
// the answer, and puts a logger tagged with it in the request's context.
func requestID(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			id := c.Request().Header.Get(echo.HeaderXRequestID)
			if !validRequestID.MatchString(id) {
				id = models.NewID()
			}
			c.Response().Header().Set(echo.HeaderXRequestID, id)
			req := c.Request()
			c.SetRequest(req.WithContext(logging.Into(req.Context(), log.With("request_id", id))))
			return next(c)
		}
	}
}

// accessLog writes one line per request after the error handler has set the final status. The
// logger hands a failed request's error to the error handler itself (to log the status the client
// got), so the error stops here: Echo would otherwise run the error handler a second time.
func accessLog() echo.MiddlewareFunc {
	logged := requestLogger()
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		h := logged(next)
		return func(c echo.Context) error {
			if err := h(c); err != nil && !c.Response().Committed {
				return err
			}
			return nil
		}
	}
}

func requestLogger() echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogMethod:    true,
		LogURIPath:   true,
		LogStatus:    true,
		LogLatency:   true,
		LogRemoteIP:  true,
		LogUserAgent: true,
		HandleError:  true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			level := slog.LevelInfo
			switch {
			case v.Status >= 500 && c.Get(shedKey) == true:
				level = slog.LevelWarn
			case v.Status >= 500:
				level = slog.LevelError
			}
			logging.From(c.Request().Context()).LogAttrs(c.Request().Context(), level, "request",
				slog.String("method", v.Method),
				slog.String("path", v.URIPath),
				slog.Int("status", v.Status),
				slog.Duration("latency", v.Latency),
				slog.String("remote_ip", v.RemoteIP),
				slog.String("user_agent", v.UserAgent),
			)
			return nil
		},
	})
}

// securityHeaders sets the headers every answer carries.
func securityHeaders(production bool) echo.MiddlewareFunc {
	hsts := 0
	if production {
		hsts = 63072000
	}
	secure := middleware.SecureWithConfig(middleware.SecureConfig{
		ContentTypeNosniff:    "nosniff",
		XFrameOptions:         "DENY",
		HSTSMaxAge:            hsts,
		ContentSecurityPolicy: contentSecurityPolicy,
		ReferrerPolicy:        "strict-origin-when-cross-origin",
	})
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		inner := secure(next)
		return func(c echo.Context) error {
			h := c.Response().Header()
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			h.Set("Cross-Origin-Resource-Policy", "same-origin")
			h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
			return inner(c)
		}
	}
}

// httpMetrics counts requests and their latency by route template (never the raw path, so that
// ids do not explode the label space).
type httpMetrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newHTTPMetrics(reg prometheus.Registerer) *httpMetrics {
	m := &httpMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "consult_http_requests_total",
			Help: "HTTP requests by method, route template and status.",
		}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "consult_http_request_duration_seconds",
			Help:    "HTTP request latency by method and route template.",
			Buckets: prometheus.DefBuckets,
		}, []string{"method", "route"}),
	}
	reg.MustRegister(m.requests, m.duration)
	return m
}

func (m *httpMetrics) middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		status := c.Response().Status
		switch {
		case clientGone(c, err):
			status = StatusClientClosed
		case err != nil:
			p, _ := problem.For(err)
			status = p.Status
		}
		route := c.Path()
		if route == "" || strings.HasSuffix(route, "*") {
			route = "other"
		}
		m.requests.WithLabelValues(c.Request().Method, route, strconv.Itoa(status)).Inc()
		m.duration.WithLabelValues(c.Request().Method, route).Observe(time.Since(start).Seconds())
		return err
	}
}

// migrationGate answers 503 on the API while the schema is behind the binary (production only;
// development migrates at start). Probes and metrics stay reachable.
func migrationGate(ready *database.Readiness) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if ready.MigrationPending() && strings.HasPrefix(c.Request().URL.Path, "/api/v1/") {
				return &models.Error{Code: models.CodeMigrationPending, Message: database.ErrMigrationPending.Error()}
			}
			return next(c)
		}
	}
}

// cleanText refuses a path or query that holds a NUL byte or is not UTF-8: no handler means it,
// and databases reject such text with an error, so it stops here as a 400.
func cleanText(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		u := c.Request().URL
		bad := !utf8.ValidString(u.Path) || strings.ContainsRune(u.Path, 0)
		for _, values := range u.Query() {
			for _, v := range values {
				bad = bad || !utf8.ValidString(v) || strings.ContainsRune(v, 0)
			}
		}
		if bad {
			return models.NewError(models.CodeBadRequest, "the address holds a NUL byte or text that is not UTF-8")
		}
		return next(c)
	}
}

// noStore marks every answer that may hold personal or signed-in data `Cache-Control: no-store`:
// every answer to a signed-in caller and every answer under /api/v1/auth/ and /api/v1/me, errors
// included. It decides as the answer's header is written, so no handler can loosen it.
func noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Before(func() {
			if personalPath(c.Request().URL.Path) || handlers.CurrentPrincipal(c) != nil {
				c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
			}
		})
		return next(c)
	}
}

func personalPath(p string) bool {
	return strings.HasPrefix(p, "/api/v1/auth/") || p == "/api/v1/me" || strings.HasPrefix(p, "/api/v1/me/")
}
