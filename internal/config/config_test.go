package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/internal/config"
)

func TestDefaults(t *testing.T) {
	cfg, err := config.Load(nil)
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1:8080", cfg.Addr)
	assert.Equal(t, "sqlite://./data/consult.db", cfg.DatabaseURL)
	assert.Equal(t, config.Development, cfg.Env)
	assert.Equal(t, "text", cfg.LogFormat)
	assert.Equal(t, 15*time.Second, cfg.ShutdownTimeout)
	assert.Empty(t, cfg.TrustedProxyNets, "X-Forwarded-For is ignored unless proxies are configured")
	assert.Len(t, cfg.MetricsAllowNets, 2)
}

func TestBadValuesNameTheOption(t *testing.T) {
	secret := "CONSULT_JWT_SECRET=" + strings.Repeat("s", 32)
	tests := []struct {
		env    []string
		option string
	}{
		{[]string{"CONSULT_ADDR=8080"}, "CONSULT_ADDR"},
		{[]string{"CONSULT_DATABASE_URL=mysql://x"}, "CONSULT_DATABASE_URL"},
		{[]string{"CONSULT_DATABASE_URL=sqlite://"}, "CONSULT_DATABASE_URL"},
		{[]string{"CONSULT_ENV=staging"}, "CONSULT_ENV"},
		{[]string{"CONSULT_LOG_FORMAT=xml"}, "CONSULT_LOG_FORMAT"},
		{[]string{"CONSULT_LOG_LEVEL=loud"}, "CONSULT_LOG_LEVEL"},
		{[]string{"CONSULT_BASE_URL=localhost"}, "CONSULT_BASE_URL"},
		{[]string{"CONSULT_SMTP_URL=http://mail"}, "CONSULT_SMTP_URL"},
		{[]string{"CONSULT_TRUSTED_PROXIES=10.0.0.0/8,proxy.local"}, "CONSULT_TRUSTED_PROXIES"},
		{[]string{"CONSULT_METRICS_ALLOW=everyone"}, "CONSULT_METRICS_ALLOW"},
		{[]string{"CONSULT_SHUTDOWN_TIMEOUT=soon"}, "CONSULT_SHUTDOWN_TIMEOUT"},
		{[]string{"CONSULT_SHUTDOWN_TIMEOUT=0s"}, "CONSULT_SHUTDOWN_TIMEOUT"},
		{[]string{"CONSULT_CLUSTER_SIMILARITY=1.5"}, "CONSULT_CLUSTER_SIMILARITY"},
		{[]string{"CONSULT_CLUSTER_SIMILARITY=high"}, "CONSULT_CLUSTER_SIMILARITY"},
		{[]string{"CONSULT_MAIL_CONCURRENCY=0"}, "CONSULT_MAIL_CONCURRENCY"},
		{[]string{"CONSULT_HASHING_SHARE=0"}, "CONSULT_HASHING_SHARE"},
		{[]string{"CONSULT_HASHING_SHARE=1.5"}, "CONSULT_HASHING_SHARE"},
		{[]string{"CONSULT_JWT_SECRET=short"}, "CONSULT_JWT_SECRET"},
		{[]string{secret, "CONSULT_JWT_SECRET_FILE=/x"}, "CONSULT_JWT_SECRET"},
		{[]string{"CONSULT_ENV=production", "CONSULT_SMTP_URL=smtp://mail:25", "CONSULT_BASE_URL=https://c.example"}, "CONSULT_JWT_SECRET"},
		{[]string{"CONSULT_ENV=production", secret, "CONSULT_BASE_URL=https://c.example"}, "CONSULT_SMTP_URL"},
		{[]string{"CONSULT_ENV=production", secret, "CONSULT_SMTP_URL=smtp://mail:25", "CONSULT_BASE_URL=http://c.example"}, "CONSULT_BASE_URL"},
		{[]string{"CONSULT_ENV=production", secret, "CONSULT_SMTP_URL=smtp://mail:25", "CONSULT_BASE_URL=https://c.example"}, "CONSULT_AUDIT_KEY"},
		{[]string{"CONSULT_AUDIT_KEY=short"}, "CONSULT_AUDIT_KEY"},
		{[]string{"CONSULT_AUDIT_KEY=" + strings.Repeat("a", 32), "CONSULT_AUDIT_KEY_FILE=/x"}, "CONSULT_AUDIT_KEY"},
		{[]string{"CONSULT_AUDIT_CHECKPOINT_INTERVAL=2h"}, "CONSULT_AUDIT_CHECKPOINT_INTERVAL"},
		{[]string{"CONSULT_AUDIT_CHECKPOINT_INTERVAL=0s"}, "CONSULT_AUDIT_CHECKPOINT_INTERVAL"},
		{[]string{"CONSULT_AUDIT_CHECKPOINT_INTERVAL=hourly"}, "CONSULT_AUDIT_CHECKPOINT_INTERVAL"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.env, " "), func(t *testing.T) {
			_, err := config.Load(tc.env)
			var cfgErr *config.Error
			require.True(t, errors.As(err, &cfgErr), "want a config error, got %v", err)
			assert.Equal(t, tc.option, cfgErr.Option)
			assert.NotContains(t, err.Error(), "\n", "one line")
		})
	}
}

func TestProductionWithEverythingSet(t *testing.T) {
	cfg, err := config.Load([]string{
		"CONSULT_ENV=production",
		"CONSULT_JWT_SECRET=" + strings.Repeat("s", 32),
		"CONSULT_AUDIT_KEY=" + strings.Repeat("a", 32),
		"CONSULT_SMTP_URL=smtp://user:pw@mail:587",
		"CONSULT_BASE_URL=https://consult.example.eu",
		"CONSULT_DATABASE_URL=postgres://consult@db:5432/consult",
		"CONSULT_TRUSTED_PROXIES=10.0.0.0/8, 192.168.1.1",
	})
	require.NoError(t, err)
	assert.True(t, cfg.IsProduction())
	assert.Len(t, cfg.TrustedProxyNets, 2)
}

func TestDevelopmentSecretIsGeneratedOnceBesideTheDatabase(t *testing.T) {
	dir := t.TempDir()
	cfg, err := config.Load([]string{"CONSULT_DATABASE_URL=sqlite://" + filepath.Join(dir, "db", "consult.db")})
	require.NoError(t, err)
	calls := 0
	gen := func() (string, error) { calls++; return strings.Repeat("g", 64), nil }
	warning, err := cfg.ResolveSecret(gen)
	require.NoError(t, err)
	assert.Contains(t, warning, "generated")
	assert.FileExists(t, filepath.Join(dir, "db", "jwt-secret"))
	st, err := os.Stat(filepath.Join(dir, "db", "jwt-secret"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())

	again, err := config.Load([]string{"CONSULT_DATABASE_URL=sqlite://" + filepath.Join(dir, "db", "consult.db")})
	require.NoError(t, err)
	_, err = again.ResolveSecret(gen)
	require.NoError(t, err)
	assert.Equal(t, 1, calls, "the secret is generated once and then reused")
	assert.Equal(t, cfg.JWTSecret, again.JWTSecret)
}

func TestSecretFromFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secret")
	require.NoError(t, os.WriteFile(path, []byte(strings.Repeat("f", 40)+"\n"), 0o600))
	cfg, err := config.Load([]string{"CONSULT_JWT_SECRET_FILE=" + path})
	require.NoError(t, err)
	_, err = cfg.ResolveSecret(nil)
	require.NoError(t, err)
	assert.Equal(t, strings.Repeat("f", 40), cfg.JWTSecret)

	require.NoError(t, os.WriteFile(path, []byte("short"), 0o600))
	cfg, err = config.Load([]string{"CONSULT_JWT_SECRET_FILE=" + path})
	require.NoError(t, err)
	_, err = cfg.ResolveSecret(nil)
	var cfgErr *config.Error
	require.ErrorAs(t, err, &cfgErr)
	assert.Equal(t, "CONSULT_JWT_SECRET_FILE", cfgErr.Option)
}

func TestDevelopmentAuditKeyIsGeneratedOnceBesideTheDatabase(t *testing.T) {
	dir := t.TempDir()
	environ := []string{"CONSULT_DATABASE_URL=sqlite://" + filepath.Join(dir, "consult.db")}
	cfg, err := config.Load(environ)
	require.NoError(t, err)
	assert.Equal(t, time.Hour, cfg.AuditCheckpoint, "a checkpoint at least hourly by default")
	calls := 0
	gen := func() (string, error) { calls++; return strings.Repeat("k", 64), nil }
	warning, err := cfg.ResolveAuditKey(gen)
	require.NoError(t, err)
	assert.Contains(t, warning, "development audit key generated")
	assert.Contains(t, warning, "CONSULT_AUDIT_KEY")
	st, err := os.Stat(filepath.Join(dir, "audit-key"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())

	again, err := config.Load(environ)
	require.NoError(t, err)
	_, err = again.ResolveAuditKey(gen)
	require.NoError(t, err)
	assert.Equal(t, 1, calls, "the key is generated once and then reused")
	assert.Equal(t, cfg.AuditKey, again.AuditKey)
	_, err = again.ResolveSecret(gen)
	require.NoError(t, err)
	assert.Equal(t, 2, calls, "the JWT secret is a key of its own")
}

func TestAuditKeyFromFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit")
	require.NoError(t, os.WriteFile(path, []byte(strings.Repeat("f", 40)+"\n"), 0o600))
	cfg, err := config.Load([]string{"CONSULT_AUDIT_KEY_FILE=" + path})
	require.NoError(t, err)
	_, err = cfg.ResolveAuditKey(nil)
	require.NoError(t, err)
	assert.Equal(t, strings.Repeat("f", 40), cfg.AuditKey)

	require.NoError(t, os.WriteFile(path, []byte("short"), 0o600))
	cfg, err = config.Load([]string{"CONSULT_AUDIT_KEY_FILE=" + path})
	require.NoError(t, err)
	_, err = cfg.ResolveAuditKey(nil)
	var cfgErr *config.Error
	require.ErrorAs(t, err, &cfgErr)
	assert.Equal(t, "CONSULT_AUDIT_KEY_FILE", cfgErr.Option)
}

// TestReadmeListsEveryOption keeps the README's configuration table truthful.
func TestReadmeListsEveryOption(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	for _, o := range config.Options() {
		line := "`" + o.Name + "`"
		assert.Contains(t, string(readme), line, "README.md does not list %s", o.Name)
		if o.Default != "" {
			assert.Contains(t, string(readme), "`"+o.Default+"`", "README.md does not give the default of %s", o.Name)
		}
	}
}

func TestDevelopmentBaseURLIsTheAddressServed(t *testing.T) {
	cfg, err := config.Load([]string{"CONSULT_ADDR=127.0.0.1:0"})
	require.NoError(t, err)
	assert.True(t, cfg.BaseURLDerived)
	cfg.Listening("127.0.0.1:43127")
	assert.Equal(t, "http://localhost:43127", cfg.BaseURL, "the port the system chose")

	cfg, err = config.Load([]string{"CONSULT_ADDR=0.0.0.0:9090"})
	require.NoError(t, err)
	assert.Equal(t, "http://localhost:9090", cfg.BaseURL)
	cfg, err = config.Load([]string{"CONSULT_ADDR=192.0.2.10:8000"})
	require.NoError(t, err)
	assert.Equal(t, "http://192.0.2.10:8000", cfg.BaseURL)
	assert.Equal(t, "http://[2001:db8::1]:8000", config.BaseURLFor("[2001:db8::1]:8000"))

	cfg, err = config.Load([]string{"CONSULT_ADDR=127.0.0.1:0", "CONSULT_BASE_URL=https://consult.example.eu"})
	require.NoError(t, err)
	cfg.Listening("127.0.0.1:43127")
	assert.Equal(t, "https://consult.example.eu", cfg.BaseURL, "a configured base URL stays")

	_, err = config.Load([]string{"CONSULT_ENV=production", "CONSULT_JWT_SECRET=" + strings.Repeat("s", 32), "CONSULT_SMTP_URL=smtp://mail:25"})
	var cfgErr *config.Error
	require.ErrorAs(t, err, &cfgErr)
	assert.Equal(t, "CONSULT_BASE_URL", cfgErr.Option, "production names its public address")
}
