package main

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/internal/database"
	"consult/models"
)

func TestAuditVerifyDetectsTampering(t *testing.T) {
	dbURL := testDatabaseURL(t)
	env := []string{"CONSULT_DATABASE_URL=" + dbURL}
	_, stderr, code := run(t, env, "", "migrate", "up")
	require.Equal(t, 0, code, stderr)
	db, err := database.Open(dbURL, nil)
	require.NoError(t, err)
	defer db.Close()
	for i := range 3 {
		require.NoError(t, models.RecordAudit(context.Background(), db.DB, models.AuditEntry{Action: "user.access_changed", SubjectType: "user",
			SubjectID: models.NewID(), Before: map[string]int{"i": i}, After: map[string]int{"i": i + 1}}, time.Now().UTC()))
	}
	out, stderr, code := run(t, env, "", "audit", "verify")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "intact: 3 events")

	require.NoError(t, db.Exec(`UPDATE audit_events SET after_json = '{"i":99}' WHERE seq = 2`).Error)
	_, stderr, code = run(t, env, "", "audit", "verify")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "broken at event 2")
}
