package passwords

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fast keeps the tests quick; the default parameters are tested on their own.
var fast = Params{MemoryKiB: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestDefaultParametersAreOWASP(t *testing.T) {
	assert.Equal(t, uint32(19456), OWASP.MemoryKiB)
	assert.Equal(t, uint32(2), OWASP.Time)
	assert.Equal(t, uint8(1), OWASP.Threads)
	h := NewHasher(OWASP, 1)
	enc, err := h.Hash(context.Background(), "correct horse battery")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(enc, "$argon2id$v=19$m=19456,t=2,p=1$"), enc)
	ok, err := h.Verify(context.Background(), enc, "correct horse battery")
	require.NoError(t, err)
	assert.True(t, ok)
}

func TestHashAndVerify(t *testing.T) {
	h := NewHasher(fast, 2)
	ctx := context.Background()
	a, err := h.Hash(ctx, "ein langes Passwort ✓")
	require.NoError(t, err)
	b, err := h.Hash(ctx, "ein langes Passwort ✓")
	require.NoError(t, err)
	assert.NotEqual(t, a, b, "each hash has its own salt")
	ok, err := h.Verify(ctx, a, "ein langes Passwort ✓")
	require.NoError(t, err)
	assert.True(t, ok)
	ok, err = h.Verify(ctx, a, "ein langes Passwort ✗")
	require.NoError(t, err)
	assert.False(t, ok)
}

func TestMalformedHashesAreErrorsNotPanics(t *testing.T) {
	h := NewHasher(fast, 1)
	for _, enc := range []string{
		"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=18$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=64,t=1000,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=64,t=1,p=0$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=64,t=1,p=255$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=64,t=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=64,t=1,p=1,x=2$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=64,t=1,p=1$!!!$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$",
	} {
		ok, err := h.Verify(context.Background(), enc, "whatever password")
		assert.ErrorIs(t, err, ErrMalformedHash, enc)
		assert.False(t, ok)
	}
}

func TestNeedsRehash(t *testing.T) {
	weak := NewHasher(fast, 1)
	enc, err := weak.Hash(context.Background(), "a long enough password")
	require.NoError(t, err)
	assert.True(t, NewHasher(OWASP, 1).NeedsRehash(enc))
	assert.False(t, weak.NeedsRehash(enc))
	assert.True(t, weak.NeedsRehash("garbage"))
}

func TestConcurrencyIsBounded(t *testing.T) {
	h := NewHasher(fast, 2)
	var running, peak atomic.Int32
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			require.NoError(t, h.acquire(context.Background()))
			n := running.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(2 * time.Millisecond)
			running.Add(-1)
			h.release()
		}()
	}
	wg.Wait()
	assert.LessOrEqual(t, peak.Load(), int32(2))
}

func TestWaitingForASlotHonoursCancellation(t *testing.T) {
	h := NewHasher(fast, 1)
	require.NoError(t, h.acquire(context.Background()))
	defer h.release()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := h.Hash(ctx, "a long enough password")
	assert.ErrorIs(t, err, context.Canceled)
}

func TestVerifyDummyTakesTheSameWork(t *testing.T) {
	h := NewHasher(fast, 1)
	h.VerifyDummy(context.Background(), "anything at all")
	_, _, key, err := decode(h.dummy)
	require.NoError(t, err)
	assert.Len(t, key, int(fast.KeyLen))
}

func TestPolicy(t *testing.T) {
	tests := []struct {
		name, password string
		ok             bool
	}{
		{"11 characters", "abcdefghijk", false},
		{"12 characters", "tram-blue-42", true},
		{"128 characters", strings.Repeat("ab", 64), true},
		{"129 characters", strings.Repeat("ab", 64) + "c", false},
		{"multi-byte counted by characters", "żółćżółćżółć", true},
		{"11 multi-byte characters", "żółćżółćżół", false},
		{"common", "password1234", false},
		{"common, other case", "PassWord1234", false},
		{"keyboard walk", "qwertyuiopas", false},
		{"one character repeated", "aaaaaaaaaaaaaaa", false},
		{"not UTF-8", "abc\xffdefghijklm", false},
		{"passphrase", "correct horse battery staple on a bus", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Check(tc.password)
			if tc.ok {
				assert.NoError(t, err)
			} else {
				var pe *PolicyError
				assert.ErrorAs(t, err, &pe)
			}
		})
	}
	assert.Greater(t, len(common), 1000)
}
