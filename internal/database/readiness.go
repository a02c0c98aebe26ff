package database

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"time"
)

// ErrMigrationPending says the schema is behind the binary: run `consult migrate up`.
var ErrMigrationPending = errors.New("a database migration is pending: run `consult migrate up`")

// Readiness tells whether the server may answer: the database answers and no migration is pending.
type Readiness struct {
	db       *DB
	migrator *Migrator
	pending  atomic.Bool
}

// NewReadiness checks the migration state once and returns the tracker.
func NewReadiness(ctx context.Context, db *DB, migrator *Migrator) (*Readiness, error) {
	r := &Readiness{db: db, migrator: migrator}
	pending, err := migrator.Pending(ctx)
	if err != nil {
		return nil, err
	}
	r.pending.Store(pending)
	return r, nil
}

// MigrationPending reports the last known migration state.
func (r *Readiness) MigrationPending() bool { return r.pending.Load() }

// Check pings the database and refreshes the migration state.
func (r *Readiness) Check(ctx context.Context) error {
	if err := r.db.Ping(ctx); err != nil {
		return err
	}
	pending, err := r.migrator.Pending(ctx)
	if err != nil {
		return err
	}
	r.pending.Store(pending)
	if pending {
		return ErrMigrationPending
	}
	return nil
}

// Watch re-checks every interval while a migration is pending, so that a server started before
// `consult migrate up` ran becomes ready without a restart. It returns when ctx ends or the
// schema is current.
func (r *Readiness) Watch(ctx context.Context, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for r.MigrationPending() {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			checkCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
			if err := r.Check(checkCtx); err == nil {
				log.Info("database schema is current; serving")
			}
			cancel()
		}
	}
}
