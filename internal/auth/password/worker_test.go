package password

import (
	"bytes"
	"context"
	"encoding/gob"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// workerEnv makes this test binary a password worker (TestMain), the way `consult password-worker` is one.
const workerEnv = "PASSWORD_TEST_WORKER"

func TestMain(m *testing.M) {
	if os.Getenv(workerEnv) == "1" {
		if err := ServeWorker(os.Stdin, os.Stdout, os.Stderr); err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func testWorkers(t *testing.T) *Workers {
	ws := NewWorkers(func() *exec.Cmd {
		cmd := exec.Command(os.Args[0])
		cmd.Env = []string{workerEnv + "=1"}
		return cmd
	}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	t.Cleanup(func() { _ = ws.Close() })
	return ws
}

// idlePID is the process id of the child Workers keep for the next derivation.
func idlePID(t *testing.T, ws *Workers) int {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	require.Len(t, ws.idle, 1)
	return ws.idle[0].cmd.Process.Pid
}

func TestWorkersHashLikeTheServer(t *testing.T) {
	ctx := context.Background()
	inServer := NewHasher(withParams(fast))
	inWorker := NewHasher(withParams(fast), WithWorkers(testWorkers(t)))

	hash, err := inWorker.Hash(ctx, "correct horse battery staple")
	require.NoError(t, err)
	require.NoError(t, inServer.Verify(ctx, hash, "correct horse battery staple"))
	assert.ErrorIs(t, inWorker.Verify(ctx, hash, "wrong"), ErrMismatch)

	hash, err = inServer.Hash(ctx, "Tr0ub4dor&3 ünïcödé")
	require.NoError(t, err)
	require.NoError(t, inWorker.Verify(ctx, hash, "Tr0ub4dor&3 ünïcödé"))
	assert.ErrorIs(t, inWorker.DummyVerify(ctx, "anything"), ErrMismatch)
}

func TestWorkersRunOnlyWhenTheProcessorsAreIdle(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the idle scheduling policy of threads is Linux's")
	}
	ws := testWorkers(t)
	_, err := NewHasher(withParams(fast), WithWorkers(ws)).Hash(context.Background(), "pw")
	require.NoError(t, err)
	pid := idlePID(t, ws)
	tasks, err := os.ReadDir(filepath.Join("/proc", strconv.Itoa(pid), "task"))
	require.NoError(t, err)
	require.NotEmpty(t, tasks)
	for _, task := range tasks {
		stat, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "task", task.Name(), "stat"))
		require.NoError(t, err)
		// Fields after the command name, which ends at the last ')': state is field 3, the
		// scheduling policy 41 (SCHED_IDLE is 5).
		fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		assert.Equal(t, "5", fields[41-3], "scheduling policy of thread %s of the worker", task.Name())
	}
}

func TestAFailedWorkerIsReplacedAndNoSignInFails(t *testing.T) {
	ctx := context.Background()
	ws := testWorkers(t)
	h := NewHasher(withParams(fast), WithWorkers(ws))
	hash, err := h.Hash(ctx, "pw")
	require.NoError(t, err)
	first := idlePID(t, ws)
	proc, err := os.FindProcess(first)
	require.NoError(t, err)
	require.NoError(t, proc.Kill())

	require.NoError(t, h.Verify(ctx, hash, "pw"), "derived in the server when the worker died")
	require.NoError(t, h.Verify(ctx, hash, "pw"))
	assert.NotEqual(t, first, idlePID(t, ws), "a new worker took the dead one's place")
}

func TestAWorkerRefusesParametersOutOfBounds(t *testing.T) {
	var in, out bytes.Buffer
	huge := DefaultParams()
	huge.Memory = maxMemoryKiB + 1
	require.NoError(t, gob.NewEncoder(&in).Encode(workRequest{Password: []byte("pw"), Salt: make([]byte, 16), Params: huge}))
	assert.Error(t, serveWorker(&in, &out))
	assert.Zero(t, out.Len(), "no key")
}

func TestAClosedWorkerPoolHashesInTheServer(t *testing.T) {
	ws := testWorkers(t)
	require.NoError(t, ws.Close())
	h := NewHasher(withParams(fast), WithWorkers(ws))
	hash, err := h.Hash(context.Background(), "pw")
	require.NoError(t, err)
	require.NoError(t, NewHasher(withParams(fast)).Verify(context.Background(), hash, "pw"))
}

func TestAStuckWorkerIsKilledAndTheHashMadeInTheServer(t *testing.T) {
	ws := NewWorkers(func() *exec.Cmd { return exec.Command("sleep", "60") }, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ws.timeout = 200 * time.Millisecond
	t.Cleanup(func() { _ = ws.Close() })
	h := NewHasher(withParams(fast), WithWorkers(ws))
	hash, err := h.Hash(context.Background(), "pw")
	require.NoError(t, err)
	require.NoError(t, NewHasher(withParams(fast)).Verify(context.Background(), hash, "pw"))
	assert.Empty(t, ws.idle, "the stuck worker is not kept")
}
