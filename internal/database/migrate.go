package database

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"consult/migrations"
)

// Migrator applies the embedded migrations of the database's dialect.
type Migrator struct {
	provider *goose.Provider
}

// NewMigrator prepares the migrations. With lockDB set on PostgreSQL, runs take an advisory lock so
// that several processes starting at once migrate one after the other.
func (db *DB) NewMigrator(lockDB bool) (*Migrator, error) {
	sqlDB, err := db.DB.DB()
	if err != nil {
		return nil, err
	}
	return newMigrator(db.Dialect, sqlDB, lockDB)
}

func newMigrator(dialect Dialect, sqlDB *sql.DB, lockDB bool) (*Migrator, error) {
	fsys, err := migrations.For(string(dialect))
	if err != nil {
		return nil, err
	}
	gooseDialect := goose.DialectSQLite3
	var opts []goose.ProviderOption
	if dialect == Postgres {
		gooseDialect = goose.DialectPostgres
		if lockDB {
			locker, err := lock.NewPostgresSessionLocker()
			if err != nil {
				return nil, err
			}
			opts = append(opts, goose.WithSessionLocker(locker))
		}
	}
	p, err := goose.NewProvider(gooseDialect, sqlDB, fsys, opts...)
	if err != nil {
		return nil, fmt.Errorf("load migrations: %w", err)
	}
	return &Migrator{provider: p}, nil
}

// Up applies every pending migration and returns how many ran.
func (m *Migrator) Up(ctx context.Context) (int, error) {
	res, err := m.provider.Up(ctx)
	return len(res), err
}

// Down rolls back the most recent migration.
func (m *Migrator) Down(ctx context.Context) error {
	_, err := m.provider.Down(ctx)
	return err
}

// DownTo rolls back every migration above version (0: all of them).
func (m *Migrator) DownTo(ctx context.Context, version int64) error {
	_, err := m.provider.DownTo(ctx, version)
	return err
}

// Pending reports whether a migration is waiting to be applied.
func (m *Migrator) Pending(ctx context.Context) (bool, error) {
	return m.provider.HasPending(ctx)
}

// MigrationStatus is one migration's state.
type MigrationStatus struct {
	Version int64
	Name    string
	Applied bool
}

// Status lists every known migration and whether it is applied.
func (m *Migrator) Status(ctx context.Context) ([]MigrationStatus, error) {
	st, err := m.provider.Status(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]MigrationStatus, 0, len(st))
	for _, s := range st {
		out = append(out, MigrationStatus{
			Version: s.Source.Version,
			Name:    s.Source.Path,
			Applied: s.State == goose.StateApplied,
		})
	}
	return out, nil
}
