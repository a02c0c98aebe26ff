// Package config reads consult's configuration from the environment, applies defaults and validates
// every option at start-up, so that a bad value stops the process with one line naming the option.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/netip"
	"net/url"
	"reflect"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"
)

// Environments the server can run in.
const (
	Development = "development"
	Production  = "production"
)

// MinSecretBytes is the shortest JWT signing secret accepted.
const MinSecretBytes = 32

// Config holds every option. Field tags are the single source of the option names and defaults;
// the README lists the same table (a test keeps the two in step).
type Config struct {
	Addr              string        `env:"CONSULT_ADDR" envDefault:"127.0.0.1:8080"`
	DatabaseURL       string        `env:"CONSULT_DATABASE_URL" envDefault:"sqlite://./data/consult.db"`
	Env               string        `env:"CONSULT_ENV" envDefault:"development"`
	JWTSecret         string        `env:"CONSULT_JWT_SECRET"`
	JWTSecretFile     string        `env:"CONSULT_JWT_SECRET_FILE"`
	BaseURL           string        `env:"CONSULT_BASE_URL"`
	SMTPURL           string        `env:"CONSULT_SMTP_URL"`
	MailFrom          string        `env:"CONSULT_MAIL_FROM"`
	MailConcurrency   int           `env:"CONSULT_MAIL_CONCURRENCY" envDefault:"4"`
	HashingShare      float64       `env:"CONSULT_HASHING_SHARE" envDefault:"0.125"`
	LogFormat         string        `env:"CONSULT_LOG_FORMAT" envDefault:"text"`
	LogLevel          string        `env:"CONSULT_LOG_LEVEL" envDefault:"info"`
	TrustedProxies    string        `env:"CONSULT_TRUSTED_PROXIES"`
	MetricsAllow      string        `env:"CONSULT_METRICS_ALLOW" envDefault:"127.0.0.0/8,::1/128"`
	Pprof             bool          `env:"CONSULT_PPROF" envDefault:"false"`
	DataDir           string        `env:"CONSULT_DATA_DIR" envDefault:"./data"`
	ShutdownTimeout   time.Duration `env:"CONSULT_SHUTDOWN_TIMEOUT" envDefault:"15s"`
	ClusterSimilarity float64       `env:"CONSULT_CLUSTER_SIMILARITY" envDefault:"0.5"`
	AuditKey          string        `env:"CONSULT_AUDIT_KEY"`
	AuditKeyFile      string        `env:"CONSULT_AUDIT_KEY_FILE"`
	AuditCheckpoint   time.Duration `env:"CONSULT_AUDIT_CHECKPOINT_INTERVAL" envDefault:"1h"`

	// Parsed forms, filled by validation.
	TrustedProxyNets []netip.Prefix `env:"-"`
	MetricsAllowNets []netip.Prefix `env:"-"`
	// BaseURLDerived is true when CONSULT_BASE_URL is unset (development): the base URL is then
	// the address served, and Listening sets it to the listener's real address.
	BaseURLDerived bool `env:"-"`
	// SecretGenerated is true when the development secret was created or read from the data folder.
	SecretGenerated bool `env:"-"`
}

// Error is a configuration problem tied to one option.
type Error struct {
	Option string
	Reason string
}

func (e *Error) Error() string { return e.Option + ": " + e.Reason }

// Load reads the configuration from environ (KEY=VALUE pairs, as os.Environ returns) and validates
// it. It does not touch the file system; ResolveSecret does.
func Load(environ []string) (*Config, error) {
	cfg := &Config{}
	opts := env.Options{Environment: env.ToMap(environ)}
	if err := env.ParseWithOptions(cfg, opts); err != nil {
		return nil, translateParseError(err)
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// Options lists every option with its default, in declaration order (for docs and tests).
func Options() []Option {
	// The struct tags are constant, so GetFieldParams cannot fail at run time; a test covers it.
	params, _ := env.GetFieldParams(&Config{})
	out := make([]Option, 0, len(params))
	for _, p := range params {
		if !p.Ignored && p.Key != "-" {
			out = append(out, Option{Name: p.Key, Default: p.DefaultValue})
		}
	}
	return out
}

// Option names one environment variable and its default.
type Option struct {
	Name    string
	Default string
}

// IsProduction reports whether the server runs in production mode.
func (c *Config) IsProduction() bool { return c.Env == Production }

func translateParseError(err error) error {
	var agg env.AggregateError
	if errors.As(err, &agg) && len(agg.Errors) > 0 {
		var pe env.ParseError
		if errors.As(agg.Errors[0], &pe) {
			if f, ok := reflect.TypeOf(Config{}).FieldByName(pe.Name); ok {
				return &Error{Option: f.Tag.Get("env"), Reason: "cannot be parsed as " + pe.Type.String()}
			}
		}
	}
	return &Error{Option: "configuration", Reason: err.Error()}
}

func (c *Config) validate() error {
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return &Error{"CONSULT_ADDR", fmt.Sprintf("%q is not host:port", c.Addr)}
	}
	if _, _, err := ParseDatabaseURL(c.DatabaseURL); err != nil {
		return &Error{"CONSULT_DATABASE_URL", err.Error()}
	}
	if c.Env != Development && c.Env != Production {
		return &Error{"CONSULT_ENV", fmt.Sprintf("%q is neither %q nor %q", c.Env, Development, Production)}
	}
	if err := c.validateURLs(); err != nil {
		return err
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return &Error{"CONSULT_LOG_FORMAT", fmt.Sprintf("%q is neither \"text\" nor \"json\"", c.LogFormat)}
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return &Error{"CONSULT_LOG_LEVEL", fmt.Sprintf("%q is not one of debug, info, warn, error", c.LogLevel)}
	}
	var err error
	if c.TrustedProxyNets, err = parsePrefixes(c.TrustedProxies); err != nil {
		return &Error{"CONSULT_TRUSTED_PROXIES", err.Error()}
	}
	if c.MetricsAllowNets, err = parsePrefixes(c.MetricsAllow); err != nil {
		return &Error{"CONSULT_METRICS_ALLOW", err.Error()}
	}
	if strings.TrimSpace(c.DataDir) == "" {
		return &Error{"CONSULT_DATA_DIR", "must not be empty"}
	}
	if c.ShutdownTimeout <= 0 || c.ShutdownTimeout > 10*time.Minute {
		return &Error{"CONSULT_SHUTDOWN_TIMEOUT", "must be between 1ns and 10m"}
	}
	if c.ClusterSimilarity < 0.2 || c.ClusterSimilarity > 0.95 {
		return &Error{"CONSULT_CLUSTER_SIMILARITY", "must be between 0.2 and 0.95 (the share of word 3-shingles two comments must have in common)"}
	}
	if c.MailConcurrency < 1 || c.MailConcurrency > 64 {
		return &Error{"CONSULT_MAIL_CONCURRENCY", "must be between 1 and 64 (mails sent at once, one SMTP connection each)"}
	}
	if c.HashingShare <= 0 || c.HashingShare > 1 {
		return &Error{"CONSULT_HASHING_SHARE", "must be above 0 and at most 1 (the share of the processors' time password hashing may take; 1 bounds only how many hashes run at once)"}
	}
	if c.JWTSecret != "" && c.JWTSecretFile != "" {
		return &Error{"CONSULT_JWT_SECRET", "set either CONSULT_JWT_SECRET or CONSULT_JWT_SECRET_FILE, not both"}
	}
	if c.JWTSecret != "" && len(c.JWTSecret) < MinSecretBytes {
		return &Error{"CONSULT_JWT_SECRET", fmt.Sprintf("must be at least %d bytes", MinSecretBytes)}
	}
	if c.IsProduction() {
		if c.JWTSecret == "" && c.JWTSecretFile == "" {
			return &Error{"CONSULT_JWT_SECRET", "is required in production (or CONSULT_JWT_SECRET_FILE)"}
		}
		if c.SMTPURL == "" {
			return &Error{"CONSULT_SMTP_URL", "is required in production (mail must reach people)"}
		}
	}
	return c.validateAudit()
}

func (c *Config) validateURLs() error {
	if c.BaseURL == "" {
		if c.IsProduction() {
			return &Error{"CONSULT_BASE_URL", "is required in production (mailed links must reach the site)"}
		}
		c.BaseURL, c.BaseURLDerived = BaseURLFor(c.Addr), true
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return &Error{"CONSULT_BASE_URL", fmt.Sprintf("%q is not an absolute http(s) URL", c.BaseURL)}
	}
	if c.IsProduction() && u.Scheme != "https" && u.Hostname() != "localhost" {
		return &Error{"CONSULT_BASE_URL", "must use https in production"}
	}
	if c.MailFrom == "" {
		c.MailFrom = "consult <no-reply@" + u.Hostname() + ">"
	} else if _, err := mail.ParseAddress(c.MailFrom); err != nil {
		return &Error{"CONSULT_MAIL_FROM", fmt.Sprintf("%q is not a mail address (consult <no-reply@example.eu>)", c.MailFrom)}
	}
	if c.SMTPURL != "" {
		s, err := url.Parse(c.SMTPURL)
		if err != nil || (s.Scheme != "smtp" && s.Scheme != "smtps") || s.Hostname() == "" {
			return &Error{"CONSULT_SMTP_URL", "must look like smtp://user:password@host:587 or smtps://host:465"}
		}
	}
	return nil
}

// BaseURLFor is the development base URL of a server listening on addr (host:port). Loopback and
// unspecified hosts read as localhost, the name a developer's browser opens.
func BaseURLFor(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://localhost"
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && (ip.IsLoopback() || ip.IsUnspecified()) {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// Listening tells the configuration the address the server really listens on (with port 0, the
// port the system chose); a base URL derived from CONSULT_ADDR follows it, so mailed links work.
func (c *Config) Listening(addr string) {
	if c.BaseURLDerived {
		c.BaseURL = BaseURLFor(addr)
	}
}

func parsePrefixes(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if p, err := netip.ParsePrefix(item); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(item)
		if err != nil {
			return nil, fmt.Errorf("%q is neither an IP address nor a CIDR range", item)
		}
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// ParseDatabaseURL splits a database URL into a driver name ("sqlite" or "postgres") and the
// form that driver takes: a file path for SQLite, the URL itself for PostgreSQL.
func ParseDatabaseURL(raw string) (driver, dsn string, err error) {
	switch {
	case strings.HasPrefix(raw, "sqlite://"):
		path := strings.TrimPrefix(raw, "sqlite://")
		if i := strings.IndexByte(path, '?'); i >= 0 {
			path = path[:i]
		}
		if path == "" {
			return "", "", errors.New("sqlite URL names no file (sqlite://./data/consult.db)")
		}
		return "sqlite", path, nil
	case strings.HasPrefix(raw, "postgres://"), strings.HasPrefix(raw, "postgresql://"):
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" {
			return "", "", errors.New("not a valid postgres:// URL")
		}
		return "postgres", raw, nil
	default:
		return "", "", errors.New("must start with sqlite:// or postgres://")
	}
}
