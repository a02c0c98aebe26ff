// Package database opens consult's database (embedded SQLite or PostgreSQL) through GORM with the
// settings each needs, and runs the embedded migrations.
package database

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"consult/internal/config"
)

// Dialect names a supported database.
type Dialect string

// The supported dialects; each has its own migrations folder.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is an open database with its dialect.
type DB struct {
	*gorm.DB
	Dialect Dialect
	// Streams is where exports read their comments: on PostgreSQL a small pool of its own
	// (maxStreamConns), on SQLite the same as DB.
	Streams *gorm.DB
}

// Open connects to the database named by a CONSULT_DATABASE_URL-style URL. For SQLite it creates
// the folder, turns on WAL, foreign keys and a busy timeout, and begins every read-write
// transaction immediately (see immediatePool).
func Open(rawURL string, log *slog.Logger) (*DB, error) {
	driver, dsn, err := config.ParseDatabaseURL(rawURL)
	if err != nil {
		return nil, err
	}
	gcfg := &gorm.Config{
		Logger:                 newGormLogger(log),
		NowFunc:                func() time.Time { return time.Now().UTC() },
		TranslateError:         true,
		SkipDefaultTransaction: true,
	}
	switch Dialect(driver) {
	case SQLite:
		return openSQLite(dsn, gcfg)
	default:
		return openPostgres(dsn, gcfg)
	}
}

func openSQLite(path string, gcfg *gorm.Config) (*DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("create database folder: %w", err)
		}
	}
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_time_format", "sqlite")
	sqlDB, err := sql.Open(sqlite.DriverName, "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	gdb, err := gorm.Open(sqlite.Dialector{Conn: immediatePool{sqlDB}}, gcfg)
	if err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	// One writer at a time is SQLite's rule; a small pool keeps readers concurrent under WAL.
	sqlDB.SetMaxOpenConns(4)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	if err := sqlDB.Ping(); err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return &DB{DB: gdb, Dialect: SQLite, Streams: gdb}, nil
}

// maxPostgresConns is how many connections to PostgreSQL one process opens at most.
const maxPostgresConns = 20

func openPostgres(dsn string, gcfg *gorm.Config) (*DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	cfg.BuildFrontend = bufferedFrontend
	// Every open connection may stay idle (for up to five minutes): with fewer idle places than
	// connections, a surge closed the connections released together beyond them and opened new
	// ones the next moment, each a new server process for PostgreSQL to start and warm up, which
	// took more of the processor than the surge's statements.
	gdb, err := openPostgresPool(cfg, gcfg, maxPostgresConns, 5*time.Minute)
	if err != nil {
		return nil, err
	}
	streams, err := openPostgresPool(cfg, gcfg, maxStreamConns, 30*time.Minute)
	if err != nil {
		closePool(gdb)
		return nil, err
	}
	return &DB{DB: gdb, Dialect: Postgres, Streams: streams}, nil
}

// maxStreamConns is how many exports read at once; more wait for one of them. An export holds
// its connection for as long as it streams (a minute for a million comments), so they have a
// pool of their own instead of taking the requests'. Kept open for half an hour between exports,
// its connections also stay warm: a PostgreSQL server process maps the shared buffers page by
// page as it first touches them, and an export touches them all. On the benchmark machine (a
// virtual machine, PostgreSQL's 128 MB of shared buffers in 4 KiB pages) a server process's
// first read of 100,000 comments' export columns took 31,000 page faults and 0.75 s more than its
// second (huge pages avoid that: see docs/deployment.md).
const maxStreamConns = 4

// openPostgresPool opens a pool of at most conns connections, each kept while idle for up to
// idle (and at most 30 minutes in all).
func openPostgresPool(cfg *pgx.ConnConfig, gcfg *gorm.Config, conns int, idle time.Duration) (*gorm.DB, error) {
	gdb, err := gorm.Open(postgres.New(postgres.Config{Conn: stdlib.OpenDB(*cfg)}), gcfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	sqlDB, err := gdb.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(conns)
	sqlDB.SetMaxIdleConns(conns)
	sqlDB.SetConnMaxIdleTime(idle)
	sqlDB.SetConnMaxLifetime(30 * time.Minute)
	return gdb, nil
}

// closePool closes a pool, whose error at closing says nothing more.
func closePool(gdb *gorm.DB) {
	if sqlDB, err := gdb.DB(); err == nil {
		_ = sqlDB.Close()
	}
}

// bufferedFrontend reads what PostgreSQL sends in pieces of up to 64 KiB: pgx's own reader asks
// for 8 KiB at a time, and a large export then made a system call per 8 KiB.
func bufferedFrontend(r io.Reader, w io.Writer) *pgproto3.Frontend {
	return pgproto3.NewFrontend(bufio.NewReaderSize(r, 64<<10), w)
}

// Ping checks that the database answers within the context's deadline.
func (db *DB) Ping(ctx context.Context) error {
	sqlDB, err := db.DB.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Close closes the connection pools.
func (db *DB) Close() error {
	if db.Streams != nil && db.Streams != db.DB {
		closePool(db.Streams)
	}
	sqlDB, err := db.DB.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// slowStatement is how long a statement runs before it is logged as slow.
const slowStatement = 500 * time.Millisecond

func newGormLogger(log *slog.Logger) logger.Interface {
	if log == nil {
		return logger.Discard
	}
	return quietLogger{logger.NewSlogLogger(log, logger.Config{
		SlowThreshold:             slowStatement,
		LogLevel:                  logger.Warn,
		IgnoreRecordNotFoundError: true,
		ParameterizedQueries:      true,
	})}
}

// quietLogger hands GORM's logger only the statements it logs, failed or slow ones: GORM's
// logger builds the text of every statement before it decides, a twentieth of the processor
// time of a comment submission.
type quietLogger struct{ logger.Interface }

// LogMode sets the level; at Info (db.Debug()) every statement is logged, so none is skipped.
func (l quietLogger) LogMode(level logger.LogLevel) logger.Interface {
	inner := l.Interface.LogMode(level)
	if level >= logger.Info {
		return inner
	}
	return quietLogger{inner}
}

// Trace logs a statement that failed or ran slowly. Not logged as failed: one that merely found
// nothing; one cut short because its caller left (its context cancelled, as when an HTTP client
// hangs up); one refused as a duplicate, which its caller handles as the answer (a second
// registration of an address, a replayed Idempotency-Key) or, when no caller does, the error
// handler answers as 409 conflict (internal/problem).
func (l quietLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	if err != nil && errors.Is(ctx.Err(), context.Canceled) {
		return
	}
	expected := errors.Is(err, logger.ErrRecordNotFound) || errors.Is(err, gorm.ErrDuplicatedKey)
	if (err == nil || expected) && time.Since(begin) <= slowStatement {
		return
	}
	l.Interface.Trace(ctx, begin, fc, err)
}

// ParamsFilter passes on the wrapped logger's choice of what a logged statement shows: GORM asks
// the logger itself, and an embedded interface does not carry the method, so without it every
// logged statement would show its values (password hashes, email addresses, comment texts)
// instead of its placeholders.
func (l quietLogger) ParamsFilter(ctx context.Context, sql string, params ...any) (string, []any) {
	if f, ok := l.Interface.(gorm.ParamsFilter); ok {
		return f.ParamsFilter(ctx, sql, params...)
	}
	return sql, params
}
