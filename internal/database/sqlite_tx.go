package database

import (
	"context"
	"database/sql"
	"errors"

	"gorm.io/gorm"
)

// immediatePool is the SQLite connection pool as GORM sees it: plain statements run on the pool,
// and every read-write transaction starts with BEGIN IMMEDIATE, so it holds the write lock from
// its first statement.
//
// A deferred transaction (SQLite's default) that reads and then writes cannot wait for the lock:
// when another writer committed in between, SQLite answers "database is locked" at once instead of
// calling the busy handler, and the write is lost. Beginning immediately makes a transaction wait
// its turn (up to the busy timeout) before it reads anything. The driver's own `_txlock=immediate`
// option is not honoured by github.com/glebarez/go-sqlite when `_time_format` is also given (it
// stops reading options there), hence this wrapper; TestSQLiteTransactionsTakeWriteLockAtBegin
// proves that the lock is taken.
type immediatePool struct {
	*sql.DB
}

// BeginTx implements gorm.ConnPoolBeginner.
func (p immediatePool) BeginTx(ctx context.Context, opts *sql.TxOptions) (gorm.ConnPool, error) {
	if opts != nil && opts.Isolation != sql.LevelDefault && opts.Isolation != sql.LevelSerializable {
		return nil, errors.New("sqlite: only serializable transactions exist")
	}
	conn, err := p.Conn(ctx)
	if err != nil {
		return nil, err
	}
	begin := "BEGIN IMMEDIATE"
	if opts != nil && opts.ReadOnly {
		begin = "BEGIN"
	}
	if _, err := conn.ExecContext(ctx, begin); err != nil {
		_ = conn.Close()
		return nil, err
	}
	return &immediateTx{Conn: conn, db: p.DB}, nil
}

// GetDBConn implements gorm.GetDBConnector, so that gorm.DB.DB() finds the pool.
func (p immediatePool) GetDBConn() (*sql.DB, error) { return p.DB, nil }

// immediateTx is one transaction on a connection taken from the pool for its lifetime.
type immediateTx struct {
	*sql.Conn
	db *sql.DB
}

// Commit implements gorm.TxCommitter. A failed COMMIT is rolled back, so the connection goes
// back to the pool outside any transaction.
func (t *immediateTx) Commit() error {
	_, err := t.ExecContext(context.Background(), "COMMIT")
	if err != nil {
		_, _ = t.ExecContext(context.Background(), "ROLLBACK")
	}
	return errors.Join(err, t.Close())
}

// Rollback implements gorm.TxCommitter.
func (t *immediateTx) Rollback() error {
	_, err := t.ExecContext(context.Background(), "ROLLBACK")
	return errors.Join(err, t.Close())
}

// GetDBConn implements gorm.GetDBConnector.
func (t *immediateTx) GetDBConn() (*sql.DB, error) { return t.db, nil }
