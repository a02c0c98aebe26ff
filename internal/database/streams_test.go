package database_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/internal/database"
	"consult/internal/testutil"
)

// TestExportsReadThroughAPoolOfTheirOwn: on PostgreSQL exports take their connections from a
// small pool of their own, so that while every request connection is busy an export still reads,
// and long exports never hold the connections requests need. On SQLite it is the one pool.
func TestExportsReadThroughAPoolOfTheirOwn(t *testing.T) {
	db := testutil.NewDB(t)
	requests, err := db.DB.DB()
	require.NoError(t, err)
	streams, err := db.Streams.DB()
	require.NoError(t, err)
	if db.Dialect != database.Postgres {
		assert.Same(t, requests, streams)
		return
	}
	assert.NotSame(t, requests, streams)
	assert.Equal(t, 4, streams.Stats().MaxOpenConnections)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for range requests.Stats().MaxOpenConnections {
		conn, err := requests.Conn(ctx)
		require.NoError(t, err)
		t.Cleanup(func() { _ = conn.Close() })
	}
	_, err = requests.Conn(ctxWithin(t, 100*time.Millisecond))
	require.Error(t, err, "every request connection is taken")
	var one int
	require.NoError(t, db.Streams.WithContext(ctx).Raw("SELECT 1").Scan(&one).Error)
	assert.Equal(t, 1, one, "an export still reads")
}

func ctxWithin(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
