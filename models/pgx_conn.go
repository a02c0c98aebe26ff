package models

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm"
)

// withPgxConn runs fn on one of db's PostgreSQL connections as pgx's own connection, for work
// that database/sql makes slow: reading many rows, or sending several statements at once. If fn
// leaves the connection broken, pgx closes it and database/sql throws it away.
func withPgxConn(ctx context.Context, db *gorm.DB, fn func(*pgx.Conn) error) error {
	pool, err := db.DB()
	if err != nil {
		return err
	}
	conn, err := pool.Conn(ctx)
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close() }()
	return conn.Raw(func(driverConn any) error {
		pc, ok := driverConn.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("the PostgreSQL connection is a %T, not pgx's", driverConn)
		}
		return fn(pc.Conn())
	})
}

// insertAtOnce stores rows on PostgreSQL with one round trip: pgx sends one INSERT per group of
// rows together, and the server runs them as one implicit transaction (all rows or none), in the
// order given. The first failure is returned.
func insertAtOnce(ctx context.Context, db *gorm.DB, groups ...insertGroup) error {
	batch := &pgx.Batch{}
	for _, g := range groups {
		if len(g.rows) == 0 {
			continue
		}
		args := make([]any, 0, len(g.rows)*len(g.insert.fields))
		for _, row := range g.rows {
			args = g.insert.appendArgs(args, row)
		}
		batch.Queue(g.insert.sql(len(g.rows)), args...)
	}
	return withPgxConn(ctx, db, func(conn *pgx.Conn) error {
		return conn.SendBatch(ctx, batch).Close()
	})
}

// insertGroup is rows of one model (pointers) with their INSERT.
type insertGroup struct {
	insert *rowInsert
	rows   []any
}
