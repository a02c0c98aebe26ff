package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/internal/clock"
	"consult/internal/database"
	"consult/models"
)

var (
	testAuditKey  = strings.Repeat("a", 40)
	otherAuditKey = strings.Repeat("b", 40)
)

// auditedDatabase migrates a fresh database with the binary and returns the environment that names
// it with the audit key, and a handle holding the key with n events recorded.
func auditedDatabase(t *testing.T, n int) ([]string, *database.DB) {
	t.Helper()
	dbURL := testDatabaseURL(t)
	env := []string{"CONSULT_DATABASE_URL=" + dbURL, "CONSULT_AUDIT_KEY=" + testAuditKey, "CONSULT_DATA_DIR=" + t.TempDir()}
	_, stderr, code := run(t, env, "", "migrate", "up")
	require.Equal(t, 0, code, stderr)
	db, err := database.Open(dbURL, nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	require.NoError(t, models.UseAuditKey(db.DB, []byte(testAuditKey)))
	recordEvents(t, db, n)
	return env, db
}

func recordEvents(t *testing.T, db *database.DB, n int) {
	t.Helper()
	for i := range n {
		require.NoError(t, models.RecordAudit(context.Background(), db.DB, models.AuditEntry{Action: "user.access_changed", SubjectType: "user",
			SubjectID: models.NewID(), Before: map[string]int{"i": i}, After: map[string]int{"i": i + 1}}, time.Now().UTC()))
	}
}

func TestAuditVerifyDetectsTampering(t *testing.T) {
	env, db := auditedDatabase(t, 3)
	out, stderr, code := run(t, env, "", "audit", "verify")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "intact: 3 events")

	require.NoError(t, db.Exec(`UPDATE audit_events SET after_json = '{"i":99}' WHERE seq = 2`).Error)
	_, stderr, code = run(t, env, "", "audit", "verify")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "broken at event 2")
}

// TestAuditVerifyRefusesARewriteWithPlainHashes is the attack that used to pass: change an event
// and recompute the rest of the chain with plain SHA-256, as anyone with the database could.
func TestAuditVerifyRefusesARewriteWithPlainHashes(t *testing.T) {
	env, db := auditedDatabase(t, 3)
	require.NoError(t, db.Exec(`UPDATE audit_events SET after_json = '{"role":"admin"}' WHERE seq = 2`).Error)
	var events []models.AuditEvent
	require.NoError(t, db.Order("seq").Find(&events).Error)
	prev := events[0].Hash
	for _, e := range events[1:] {
		sum := sha256.Sum256([]byte(strings.Join([]string{prev, strconv.FormatInt(e.Seq, 10), e.ID, "", e.Action, e.SubjectType, e.SubjectID,
			e.BeforeJSON, e.AfterJSON, e.CreatedAt.UTC().Format(time.RFC3339Nano)}, "\x1f")))
		hash := hex.EncodeToString(sum[:])
		require.NoError(t, db.Exec("UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ?", prev, hash, e.Seq).Error)
		prev = hash
	}

	_, stderr, code := run(t, env, "", "audit", "verify")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "broken at event 2")
	assert.Contains(t, stderr, "without the audit key")
}

func TestAuditVerifyWithAnotherKeyFails(t *testing.T) {
	env, _ := auditedDatabase(t, 2)
	_, stderr, code := run(t, append(env, "CONSULT_AUDIT_KEY="+otherAuditKey), "", "audit", "verify")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "broken at event 1")
	assert.Contains(t, stderr, "the audit key is not the one that wrote the trail")
}

// TestServeWritesAuditCheckpoints starts the server with a short interval: each checkpoint is a
// log line and the file in the data folder, and `audit verify --checkpoint` accepts it.
func TestServeWritesAuditCheckpoints(t *testing.T) {
	env, db := auditedDatabase(t, 2)
	dataDir := t.TempDir()
	file := filepath.Join(dataDir, checkpointFileName)
	_, _, logs := startServe(t, append(env, "CONSULT_DATA_DIR="+dataDir, "CONSULT_AUDIT_CHECKPOINT_INTERVAL=1s"))
	line := logs.waitFor(t, "audit checkpoint")
	assert.Contains(t, line, "events=2")
	assert.Contains(t, line, "file="+file)
	cp := readCheckpointFile(t, file)
	assert.Equal(t, int64(2), cp.Events)
	assert.Contains(t, line, "head="+cp.Head)

	recordEvents(t, db, 1)
	line = logs.waitFor(t, "events=3")
	assert.Contains(t, line, "audit checkpoint")
	assert.Eventually(t, func() bool { return readCheckpointFile(t, file).Events == 3 }, 5*time.Second, 50*time.Millisecond)

	out, stderr, code := run(t, append(env, "CONSULT_DATA_DIR="+dataDir), "", "audit", "verify", "--checkpoint")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "audit trail intact: 3 events; it reaches the checkpoint of")
}

// TestAuditVerifyCheckpointCatchesDeletedEvents deletes the newest events: the chain alone still
// holds and only its count shows it, the checkpoint makes it fail.
func TestAuditVerifyCheckpointCatchesDeletedEvents(t *testing.T) {
	env, db := auditedDatabase(t, 5)
	file := filepath.Join(t.TempDir(), "cp.json")
	require.NoError(t, newTestCheckpointer(db, file, &bytes.Buffer{}).write(context.Background()))
	out, stderr, code := run(t, env, "", "audit", "verify", "--checkpoint", file)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "(5 events)")

	require.NoError(t, db.Exec("DELETE FROM audit_events WHERE seq > 3").Error)
	out, stderr, code = run(t, env, "", "audit", "verify")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "intact: 3 events")
	for _, args := range [][]string{{"--checkpoint", file}, {"--checkpoint=" + file}} {
		_, stderr, code = run(t, env, "", append([]string{"audit", "verify"}, args...)...)
		assert.Equal(t, 1, code)
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		require.Len(t, lines, 1, stderr)
		assert.Contains(t, lines[0], "the trail has 3 events, the checkpoint recorded 5: events were deleted")
	}

	// A checkpoint edited to match the shorter trail is not signed with the key.
	cp := readCheckpointFile(t, file)
	cp.Events, cp.Head = 3, ""
	forged, err := json.Marshal(cp)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(file, forged, 0o600))
	_, stderr, code = run(t, env, "", "audit", "verify", "--checkpoint", file)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "not signed with this audit key")

	_, stderr, code = run(t, env, "", "audit", "verify", "--checkpoint", filepath.Join(t.TempDir(), "missing.json"))
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "missing.json")
	_, stderr, code = run(t, env, "", "audit", "verify", file)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "did you mean --checkpoint")
}

// TestCheckpointWriterKeepsTheEvidence: once the trail no longer reaches the checkpoint in the
// file, the server logs the new checkpoint but does not overwrite the old one.
func TestCheckpointWriterKeepsTheEvidence(t *testing.T) {
	_, db := auditedDatabase(t, 4)
	file := filepath.Join(t.TempDir(), "data", checkpointFileName)
	var log bytes.Buffer
	require.NoError(t, newTestCheckpointer(db, file, &log).write(context.Background()))
	assert.Contains(t, log.String(), `msg="audit checkpoint" events=4`)
	before, err := os.ReadFile(file)
	require.NoError(t, err)

	require.NoError(t, db.Exec("DELETE FROM audit_events WHERE seq = 4").Error)
	log.Reset()
	require.NoError(t, newTestCheckpointer(db, file, &log).write(context.Background()))
	assert.Contains(t, log.String(), "audit checkpoint not written")
	assert.Contains(t, log.String(), "events=3")
	after, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, before, after)
}

func newTestCheckpointer(db *database.DB, path string, log *bytes.Buffer) *checkpointer {
	return &checkpointer{db: db, path: path, log: slog.New(slog.NewTextHandler(log, nil)), clock: clock.System{}, skip: func() bool { return false }}
}

func readCheckpointFile(t *testing.T, path string) *models.AuditCheckpoint {
	t.Helper()
	cp, err := readCheckpoint(path)
	require.NoError(t, err)
	return cp
}

// TestUsersCreateIsAudited: an account made on the command line is in the audit trail, with no
// actor, and the trail still verifies.
func TestUsersCreateIsAudited(t *testing.T) {
	env, db := auditedDatabase(t, 0)
	out, stderr, code := run(t, env, "a sturdy passphrase\n", "users", "create", "--email", "ana@agency.example.eu", "--name", "Ana", "--role", "admin")
	require.Equal(t, 0, code, stderr)
	var events []models.AuditEvent
	require.NoError(t, db.Find(&events).Error)
	require.Len(t, events, 1)
	e := events[0]
	assert.Equal(t, "user.created", e.Action)
	assert.Nil(t, e.ActorID, "the command line has no actor")
	assert.Equal(t, "user", e.SubjectType)
	assert.Contains(t, out, "(id "+e.SubjectID+")")
	assert.JSONEq(t, `{"role":"admin","verified":true}`, e.AfterJSON)
	assert.NotContains(t, e.AfterJSON+e.BeforeJSON, "ana@", "no personal data in the append-only trail")

	out, stderr, code = run(t, env, "", "audit", "verify")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "intact: 1 events")
}
