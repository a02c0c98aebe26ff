package database_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glebarez/sqlite"
	"gorm.io/gorm"

	"consult/internal/database"
)

// TestSQLiteTransactionsTakeWriteLockAtBegin proves that a read-write transaction holds SQLite's
// write lock from its start, before it has read or written anything: a second connection that
// will not wait cannot begin a write of its own meanwhile. With a deferred BEGIN (the driver's
// default, and what the `_txlock` option silently left in place) the second BEGIN IMMEDIATE would
// succeed, and concurrent read-then-write transactions would fail with "database is locked".
func TestSQLiteTransactionsTakeWriteLockAtBegin(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock.db")
	db, err := database.Open("sqlite://"+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })

	other, err := sql.Open(sqlite.DriverName, "file:"+path+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = other.Close() })
	ctx := context.Background()

	err = db.Transaction(func(*gorm.DB) error {
		conn, err := other.Conn(ctx)
		if err != nil {
			return err
		}
		defer func() { _ = conn.Close() }()
		_, err = conn.ExecContext(ctx, "BEGIN IMMEDIATE")
		if err == nil {
			_, _ = conn.ExecContext(ctx, "ROLLBACK")
			t.Fatal("a second writer began while a transaction was open: transactions do not take the write lock at BEGIN")
		}
		if !strings.Contains(err.Error(), "locked") && !strings.Contains(err.Error(), "busy") {
			t.Fatalf("second writer: want SQLITE_BUSY, got %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// Read-only transactions stay deferred, so readers never queue behind writers.
	err = db.Transaction(func(*gorm.DB) error {
		conn, err := other.Conn(ctx)
		if err != nil {
			return err
		}
		defer func() { _ = conn.Close() }()
		if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
			t.Fatalf("a read-only transaction blocked a writer: %v", err)
		}
		_, err = conn.ExecContext(ctx, "ROLLBACK")
		return err
	}, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
}
