package database_test

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"consult/internal/database"
	"consult/internal/testutil"
)

// TestOnlyFailedStatementsAreLogged pins what the database log shows at its level: a statement that
// fails, with its text; not one that succeeds, finds nothing or is cut short because its caller
// left.
func TestOnlyFailedStatementsAreLogged(t *testing.T) {
	var out bytes.Buffer
	db, err := database.Open("sqlite://"+filepath.Join(t.TempDir(), "log.db"), slog.New(slog.NewTextHandler(&out, nil)))
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })

	require.NoError(t, db.Exec("CREATE TABLE things (id INTEGER PRIMARY KEY)").Error)
	var n int
	require.NoError(t, db.Raw("SELECT COUNT(*) FROM things").Scan(&n).Error)
	var id int
	assert.Error(t, db.Table("things").Select("id").Take(&id).Error, "nothing found")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.Error(t, db.WithContext(ctx).Raw("SELECT COUNT(*) FROM things").Scan(&n).Error, "its caller left")
	assert.Empty(t, out.String(), "a statement that succeeds, finds nothing or whose caller left is not logged")

	assert.Error(t, db.Exec("SELECT * FROM no_such_table").Error)
	assert.Contains(t, out.String(), "no_such_table")
	assert.Contains(t, out.String(), "level=ERROR")
}

// TestLoggedStatementsShowPlaceholdersNotValues makes sure a failed statement in the log shows
// its text with placeholders, never the values bound to them (password hashes, email addresses,
// comment texts), and that a duplicate, which its caller answers, is not logged as a failure.
func TestLoggedStatementsShowPlaceholdersNotValues(t *testing.T) {
	_, url := testutil.NewEmptyDBWithURL(t)
	var out bytes.Buffer
	db, err := database.Open(url, slog.New(slog.NewTextHandler(&out, nil)))
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })

	require.NoError(t, db.Exec("CREATE TABLE log_things (id TEXT PRIMARY KEY, secret TEXT)").Error)
	require.NoError(t, db.Exec("INSERT INTO log_things (id, secret) VALUES (?, ?)", "one", "first-secret").Error)
	err = db.Exec("INSERT INTO log_things (id, secret) VALUES (?, ?)", "one", "second-secret").Error
	require.ErrorIs(t, err, gorm.ErrDuplicatedKey)
	assert.Empty(t, out.String(), "a duplicate is its caller's to answer, not a failure to log")

	assert.Error(t, db.Exec("INSERT INTO log_things (id, secret, no_such_column) VALUES (?, ?, ?)", "two", "third-secret", 3).Error)
	assert.Contains(t, out.String(), "no_such_column", "the failed statement is logged")
	assert.NotContains(t, out.String(), "third-secret", "with placeholders, not its values")
	assert.NotContains(t, out.String(), "two")
}
