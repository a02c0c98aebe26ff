package models_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/internal/testutil"
	"consult/models"
)

func TestAuditChainDetectsChangedAndDeletedEvents(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		tamper string
		seq    int64
	}{
		{"changed after", "UPDATE audit_events SET after_json = '{\"role\":\"admin\"}' WHERE seq = 2", 2},
		{"changed actor", "UPDATE audit_events SET actor_id = NULL WHERE seq = 3", 3},
		{"deleted event", "DELETE FROM audit_events WHERE seq = 2", 2},
		{"deleted last event", "DELETE FROM audit_events WHERE seq = 4", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := testutil.NewDB(t)
			actor := models.NewID()
			for i := range 4 {
				err := models.RecordAudit(ctx, db.DB, models.AuditEntry{ActorID: &actor, Action: "user.access_changed", SubjectType: "user",
					SubjectID: models.NewID(), Before: map[string]any{"i": i}, After: map[string]any{"i": i + 1}}, now.Add(time.Duration(i)*time.Second))
				require.NoError(t, err)
			}
			n, err := models.VerifyAudit(ctx, db.DB)
			require.NoError(t, err)
			require.Equal(t, int64(4), n)

			require.NoError(t, db.Exec(tc.tamper).Error)
			_, err = models.VerifyAudit(ctx, db.DB)
			if tc.seq == 0 {
				// Removing the newest event leaves a valid shorter chain; the count shows it.
				n, err = models.VerifyAudit(ctx, db.DB)
				require.NoError(t, err)
				assert.Equal(t, int64(3), n)
				return
			}
			var brk *models.AuditBreak
			require.ErrorAs(t, err, &brk)
			assert.Equal(t, tc.seq, brk.Seq)
		})
	}
}
