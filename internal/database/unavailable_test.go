package database_test

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"
	"gorm.io/gorm"

	"consult/internal/database"
)

func TestUnavailableTellsALostDatabaseFromAFaultyStatement(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nothing", nil, false},
		{"connection refused", fmt.Errorf("submit: %w", refused), true},
		{"connection reset mid-query", &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}, true},
		{"server closed the connection", fmt.Errorf("failed to receive message: %w", io.ErrUnexpectedEOF), true},
		{"pool handed a dead connection", driver.ErrBadConn, true},
		{"connection closed", pgconn.ErrConnClosed, true},
		{"administrator shut the server down", &pgconn.PgError{Code: "57P01"}, true},
		{"server starting up", &pgconn.PgError{Code: "57P03"}, true},
		{"connection failure", &pgconn.PgError{Code: "08006"}, true},
		{"unique violation", &pgconn.PgError{Code: "23505"}, false},
		{"syntax error", &pgconn.PgError{Code: "42601"}, false},
		{"record not found", gorm.ErrRecordNotFound, false},
		{"client went away", fmt.Errorf("query: %w", context.Canceled), false},
		{"request deadline", context.DeadlineExceeded, false},
		{"anything else", errors.New("boom"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, database.Unavailable(tt.err))
		})
	}
}
