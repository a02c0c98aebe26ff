package export_test

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/internal/export"
)

// produceN emits rows "0" to "n-1", or fails with failAt's error after failAt rows.
func produceN(n, failAt int, seen *int) func(context.Context, func([]string) error) error {
	return func(ctx context.Context, emit func([]string) error) error {
		for i := range n {
			if i == failAt {
				return errors.New("database gone")
			}
			*seen = i + 1
			if err := emit([]string{strconv.Itoa(i)}); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestPipelinedKeepsOrderAndStopsAtTheFirstError(t *testing.T) {
	for _, tc := range []struct {
		name         string
		rows, failAt int
		consumeFails int // the consumer fails at this row (-1: never)
		wantErr      string
		wantRows     int // -1: some, fewer than the producer made (the failed export ends early)
	}{
		{"nothing", 0, -1, -1, "", 0},
		{"less than a batch", 10, -1, -1, "", 10},
		{"many batches", 10_000, -1, -1, "", 10_000},
		{"the producer fails", 10_000, 3_000, -1, "database gone", -1},
		{"the consumer fails", 100_000, -1, 500, "client gone", 500},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var produced, consumed int
			err := export.Pipelined(context.Background(), produceN(tc.rows, tc.failAt, &produced), func(row []string) error {
				if consumed == tc.consumeFails {
					return errors.New("client gone")
				}
				require.Equal(t, strconv.Itoa(consumed), row[0], "rows in order")
				consumed++
				return nil
			})
			if tc.wantErr != "" {
				require.EqualError(t, err, tc.wantErr)
			} else {
				require.NoError(t, err)
			}
			if tc.wantRows >= 0 {
				assert.Equal(t, tc.wantRows, consumed)
			} else {
				assert.Less(t, consumed, produced)
			}
			if tc.consumeFails >= 0 {
				assert.Less(t, produced, tc.rows, "the producer stopped early")
			}
		})
	}
}
