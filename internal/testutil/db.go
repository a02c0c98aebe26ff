// Package testutil gives tests a fresh, migrated database each: a file in a temporary folder on
// SQLite (the default), or a schema of its own on the PostgreSQL server named by
// CONSULT_TEST_DATABASE_URL, dropped when the test ends.
package testutil

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"consult/internal/database"
	"consult/models"
)

// DatabaseURLEnv names the variable that switches the suite to PostgreSQL.
const DatabaseURLEnv = "CONSULT_TEST_DATABASE_URL"

// NewDB returns a fresh database with every migration applied.
func NewDB(t testing.TB) *database.DB {
	t.Helper()
	db := NewEmptyDB(t)
	m, err := db.NewMigrator(false)
	if err != nil {
		t.Fatalf("migrator: %v", err)
	}
	if _, err := m.Up(context.Background()); err != nil {
		t.Fatalf("migrate up: %v", err)
	}
	return db
}

// NewEmptyDB returns a fresh database with no tables, and its URL.
func NewEmptyDB(t testing.TB) *database.DB {
	t.Helper()
	db, _ := NewEmptyDBWithURL(t)
	return db
}

// NewEmptyDBWithURL is NewEmptyDB that also gives the URL a second process could open. The handle
// carries a random audit key of its own; a second handle on the URL needs models.UseAuditKey.
func NewEmptyDBWithURL(t testing.TB) (*database.DB, string) {
	t.Helper()
	base := os.Getenv(DatabaseURLEnv)
	var dbURL string
	if base == "" || strings.HasPrefix(base, "sqlite") {
		dbURL = "sqlite://" + filepath.Join(t.TempDir(), "test.db")
	} else {
		dbURL = newSchema(t, base)
	}
	db, err := database.Open(dbURL, nil)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	key := make([]byte, models.MinAuditKeyBytes)
	_, _ = rand.Read(key)
	if err := models.UseAuditKey(db.DB, key); err != nil {
		t.Fatalf("audit key: %v", err)
	}
	return db, dbURL
}

// newSchema creates a schema with a random name on the server and returns a URL whose
// connections use it; the schema is dropped when the test ends.
func newSchema(t testing.TB, base string) string {
	t.Helper()
	admin, err := database.Open(base, nil)
	if err != nil {
		t.Fatalf("open %s: %v (is PostgreSQL running?)", DatabaseURLEnv, err)
	}
	buf := make([]byte, 8)
	_, _ = rand.Read(buf)
	schema := "test_" + hex.EncodeToString(buf)
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		_ = admin.Exec("DROP SCHEMA " + schema + " CASCADE").Error
		_ = admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", DatabaseURLEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
