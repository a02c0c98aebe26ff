package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"consult/internal/config"
)

type composeFile struct {
	Services map[string]struct {
		Image       string            `yaml:"image"`
		Build       any               `yaml:"build"`
		Command     []string          `yaml:"command"`
		Environment map[string]string `yaml:"environment"`
		Volumes     []string          `yaml:"volumes"`
		Healthcheck *struct {
			Test []string `yaml:"test"`
		} `yaml:"healthcheck"`
		DependsOn map[string]struct {
			Condition string `yaml:"condition"`
		} `yaml:"depends_on"`
	} `yaml:"services"`
	Volumes map[string]any `yaml:"volumes"`
}

// TestComposeStackIsComplete checks docker-compose.yml without a Docker engine: PostgreSQL 16
// with a volume and a health check, a mail catcher, and an app configured for production whose
// configuration this binary accepts.
func TestComposeStackIsComplete(t *testing.T) {
	raw, err := os.ReadFile("../../docker-compose.yml")
	require.NoError(t, err)
	var c composeFile
	require.NoError(t, yaml.Unmarshal(raw, &c))

	pg := c.Services["postgres"]
	assert.True(t, strings.HasPrefix(pg.Image, "postgres:16"))
	require.NotNil(t, pg.Healthcheck)
	assert.Contains(t, strings.Join(pg.Healthcheck.Test, " "), "pg_isready")
	assert.Contains(t, pg.Volumes, "pgdata:/var/lib/postgresql/data")
	assert.Contains(t, c.Services["mailpit"].Image, "mailpit")

	app := c.Services["app"]
	assert.NotNil(t, app.Build)
	assert.Equal(t, []string{"serve"}, app.Command)
	assert.Equal(t, "service_completed_successfully", app.DependsOn["migrate"].Condition)
	assert.Equal(t, "service_healthy", c.Services["migrate"].DependsOn["postgres"].Condition)

	secrets := map[string]string{"CONSULT_JWT_SECRET_FILE": "x", "CONSULT_AUDIT_KEY_FILE": "y"}
	var environ []string
	for k, v := range app.Environment {
		if fill, ok := secrets[k]; ok {
			v = filepath.Join(t.TempDir(), k)
			require.NoError(t, os.WriteFile(v, []byte(strings.Repeat(fill, 64)), 0o600))
		}
		environ = append(environ, k+"="+v)
	}
	cfg, err := config.Load(environ)
	require.NoError(t, err)
	assert.True(t, cfg.IsProduction())
	_, err = cfg.ResolveSecret(nil)
	require.NoError(t, err)
	_, err = cfg.ResolveAuditKey(nil)
	require.NoError(t, err)
	assert.NotEqual(t, cfg.JWTSecret, cfg.AuditKey, "the audit key is a secret of its own")
	driver, _, err := config.ParseDatabaseURL(cfg.DatabaseURL)
	require.NoError(t, err)
	assert.Equal(t, "postgres", driver)
}

// TestDockerfileBuildsAStaticBinaryRunAsNonRoot reads the Dockerfile's promises.
func TestDockerfileBuildsAStaticBinaryRunAsNonRoot(t *testing.T) {
	raw, err := os.ReadFile("../../Dockerfile")
	require.NoError(t, err)
	s := string(raw)
	assert.Contains(t, s, "CGO_ENABLED=0")
	assert.Contains(t, s, "USER nonroot")
	assert.GreaterOrEqual(t, strings.Count(s, "FROM "), 3, "multi-stage")
	assert.Contains(t, s, "npm ci")
}
