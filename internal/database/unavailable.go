package database

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// Unavailable reports whether err says that the database could not be reached or dropped the
// connection (refused, reset, shut down by its administrator, still starting up) rather than that
// the statement or its data was at fault: the same request may succeed once the database is back.
// A cancelled or expired request context is not the database's fault and is not reported.
func Unavailable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var connect *pgconn.ConnectError
	if errors.As(err, &connect) {
		return true
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return connectionLost(pg.Code)
	}
	var netErr net.Error
	return errors.As(err, &netErr) ||
		errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, sql.ErrConnDone) ||
		errors.Is(err, pgconn.ErrConnClosed) ||
		errors.Is(err, io.ErrUnexpectedEOF)
}

// connectionLost says whether a PostgreSQL SQLSTATE is a connection exception (class 08) or the
// server going away: admin_shutdown, crash_shutdown, cannot_connect_now.
func connectionLost(sqlState string) bool {
	switch sqlState {
	case "57P01", "57P02", "57P03":
		return true
	}
	return strings.HasPrefix(sqlState, "08")
}
