package password

import (
	"context"
	"encoding/base64"
	"errors"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultParamsAreOWASP(t *testing.T) {
	want := Params{Memory: 19456, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}
	assert.Equal(t, want, DefaultParams())

	h := NewHasher()
	assert.Equal(t, want, h.params, "NewHasher must use the OWASP parameters")
	enc, err := h.Hash(context.Background(), "correct horse battery staple")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(enc, "$argon2id$v=19$m=19456,t=2,p=1$"), enc)
	d, err := decode(enc)
	require.NoError(t, err)
	assert.Len(t, d.salt, 16)
	assert.Len(t, d.key, 32)
	assert.NoError(t, h.Verify(context.Background(), enc, "correct horse battery staple"))
	assert.False(t, NeedsRehash(enc))
}

func TestDefaultBudget(t *testing.T) {
	n := min(max(runtime.GOMAXPROCS(0)/2, 1), 16)
	b := NewHasher().budget
	assert.Equal(t, n, cap(b.slots), "half the processors hash, the other half stay free")
	assert.Equal(t, 4*n, cap(b.waiting))
	assert.Equal(t, time.Second, b.maxWait)
	own := NewBudget(3, 0, time.Millisecond)
	assert.Same(t, own, NewHasher(WithBudget(own)).budget)
}

func TestHashVerifyRoundTrip(t *testing.T) {
	h := NewHasher(withParams(fast))
	ctx := context.Background()
	for _, pw := range []string{"correct horse battery", "ein langes Passwort ✓ mit Umlauten äöü", " spaces at both ends "} {
		enc, err := h.Hash(ctx, pw)
		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(enc, "$argon2id$v=19$m=64,t=1,p=1$"), enc)
		assert.NoError(t, h.Verify(ctx, enc, pw), pw)
	}
}

func TestHashUsesFreshSalt(t *testing.T) {
	h := NewHasher(withParams(fast))
	a, err := h.Hash(context.Background(), "the same password")
	require.NoError(t, err)
	b, err := h.Hash(context.Background(), "the same password")
	require.NoError(t, err)
	assert.NotEqual(t, a, b)
}

func TestVerifyWrongPassword(t *testing.T) {
	h := NewHasher(withParams(fast))
	ctx := context.Background()
	enc, err := h.Hash(ctx, "correct horse battery")
	require.NoError(t, err)
	for _, pw := range []string{"correct horse batterY", "correct horse battery ", "Correct horse battery", "", "correct horse"} {
		assert.ErrorIs(t, h.Verify(ctx, enc, pw), ErrMismatch, "%q", pw)
	}
}

func TestVerifyUsesStoredParameters(t *testing.T) {
	// A hash made with other (here: weaker) parameters still verifies after they change.
	old := NewHasher(withParams(Params{Memory: 32, Time: 3, Threads: 2, SaltLen: 8, KeyLen: 16}))
	enc, err := old.Hash(context.Background(), "correct horse battery")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(enc, "$argon2id$v=19$m=32,t=3,p=2$"), enc)

	current := NewHasher(withParams(fast))
	assert.NoError(t, current.Verify(context.Background(), enc, "correct horse battery"))
	assert.ErrorIs(t, current.Verify(context.Background(), enc, "correct horse batterx"), ErrMismatch)
	assert.True(t, current.NeedsRehash(enc))
}

func TestVerifyKnownVector(t *testing.T) {
	// The argon2id test vector of the reference implementation (phc-winner-argon2, src/test.c):
	// password "password", salt "somesalt", t=2, m=2^16 KiB, p=1, key
	// 09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7, here in PHC form.
	const enc = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"
	h := NewHasher(withParams(fast))
	assert.NoError(t, h.Verify(context.Background(), enc, "password"))
	assert.ErrorIs(t, h.Verify(context.Background(), enc, "passwore"), ErrMismatch)
}

func TestDummyVerify(t *testing.T) {
	var calls []Params
	var mu sync.Mutex
	h := NewHasher(withParams(fast), withKDF(func(pw, salt []byte, p Params) []byte {
		mu.Lock()
		calls = append(calls, p)
		mu.Unlock()
		return idKey(pw, salt, p)
	}))
	assert.ErrorIs(t, h.DummyVerify(context.Background(), "anything at all"), ErrMismatch)
	assert.ErrorIs(t, h.DummyVerify(context.Background(), ""), ErrMismatch)
	require.Len(t, calls, 2, "DummyVerify must do the key derivation")
	assert.Equal(t, fast, calls[0], "with the current parameters")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, h.DummyVerify(ctx, "anything at all"), context.Canceled)

	// The dummy hash of a default hasher is a well-formed hash with the OWASP parameters.
	d, err := decode(NewHasher().dummy)
	require.NoError(t, err)
	assert.Equal(t, DefaultParams(), d.params)
}

func TestHasherHonoursContextCancellation(t *testing.T) {
	h := NewHasher(withParams(fast), WithBudget(NewBudget(1, 3, time.Hour)))
	enc, err := h.Hash(context.Background(), "correct horse battery")
	require.NoError(t, err)

	release, err := h.budget.Acquire(context.Background()) // occupy the only slot
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	errs := make(chan error, 3)
	go func() { _, err := h.Hash(ctx, "correct horse battery"); errs <- err }()
	go func() { errs <- h.Verify(ctx, enc, "correct horse battery") }()
	go func() { errs <- h.DummyVerify(ctx, "correct horse battery") }()
	cancel()
	for range 3 {
		select {
		case err := <-errs:
			assert.ErrorIs(t, err, context.Canceled)
		case <-time.After(10 * time.Second): // a generous upper bound against a hang, not a timing assertion
			t.Fatal("a waiter did not return after its context was cancelled")
		}
	}
	release(0)

	// A context that has already ended does no work even when a slot is free.
	var ran atomic.Int32
	h2 := NewHasher(withParams(fast), withKDF(func(pw, salt []byte, p Params) []byte { ran.Add(1); return idKey(pw, salt, p) }))
	_, err = h2.Hash(ctx, "correct horse battery")
	assert.ErrorIs(t, err, context.Canceled)
	deadline, cancel2 := context.WithDeadline(context.Background(), time.Unix(0, 0))
	defer cancel2()
	assert.ErrorIs(t, h2.Verify(deadline, enc, "correct horse battery"), context.DeadlineExceeded)
	assert.Zero(t, ran.Load())
}

func TestHasherBoundsConcurrency(t *testing.T) {
	for _, bound := range []int{1, 2} {
		var running, peak atomic.Int32
		kdf := func(pw, salt []byte, p Params) []byte {
			n := running.Add(1)
			for {
				old := peak.Load()
				if n <= old || peak.CompareAndSwap(old, n) {
					break
				}
			}
			time.Sleep(2 * time.Millisecond) // widen the window in which overlaps would show
			running.Add(-1)
			return idKey(pw, salt, p)
		}
		h := NewHasher(withParams(fast), WithBudget(NewBudget(bound, 24, time.Hour)), withKDF(kdf))
		enc, err := h.Hash(context.Background(), "correct horse battery")
		require.NoError(t, err)

		var wg sync.WaitGroup
		for i := range 24 {
			wg.Go(func() {
				switch i % 3 {
				case 0:
					_, err := h.Hash(context.Background(), "correct horse battery")
					assert.NoError(t, err)
				case 1:
					assert.NoError(t, h.Verify(context.Background(), enc, "correct horse battery"))
				default:
					assert.ErrorIs(t, h.DummyVerify(context.Background(), "correct horse battery"), ErrMismatch)
				}
			})
		}
		wg.Wait()
		assert.LessOrEqual(t, peak.Load(), int32(bound), "bound %d", bound)
		assert.GreaterOrEqual(t, peak.Load(), int32(1))
		assert.Zero(t, running.Load())
		assert.Zero(t, len(h.budget.slots), "every slot released")
	}
}

func TestNeedsRehash(t *testing.T) {
	salt := base64.RawStdEncoding.EncodeToString(make([]byte, 16))
	key := base64.RawStdEncoding.EncodeToString(make([]byte, 32))
	short := base64.RawStdEncoding.EncodeToString(make([]byte, 8))
	cases := []struct {
		name, enc string
		want      bool
	}{
		{"current", "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + key, false},
		{"stronger", "$argon2id$v=19$m=47104,t=3,p=2$" + salt + "$" + key, false},
		{"less memory", "$argon2id$v=19$m=12288,t=3,p=1$" + salt + "$" + key, true},
		{"fewer passes", "$argon2id$v=19$m=47104,t=1,p=1$" + salt + "$" + key, true},
		{"shorter salt", "$argon2id$v=19$m=19456,t=2,p=1$" + short + "$" + key, true},
		{"shorter key", "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + base64.RawStdEncoding.EncodeToString(make([]byte, 16)), true},
		{"malformed", "$argon2i$v=19$m=19456,t=2,p=1$" + salt + "$" + key, true},
		{"empty", "", true},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, NeedsRehash(c.enc), c.name)
		assert.Equal(t, c.want, NewHasher().NeedsRehash(c.enc), c.name)
	}
	// A hasher compares with its own parameters.
	assert.False(t, NewHasher(withParams(fast)).NeedsRehash("$argon2id$v=19$m=64,t=1,p=1$"+salt+"$"+key))
}

func TestVerifyMalformedIsNotMismatch(t *testing.T) {
	err := NewHasher(withParams(fast)).Verify(context.Background(), "$argon2id$v=19$m=64,t=1,p=1$$", "x")
	assert.ErrorIs(t, err, ErrMalformedHash)
	assert.False(t, errors.Is(err, ErrMismatch))
}

// BenchmarkHashDefault measures one hash at the default (OWASP) parameters.
func BenchmarkHashDefault(b *testing.B) {
	h := NewHasher()
	for b.Loop() {
		if _, err := h.Hash(context.Background(), "correct horse battery staple"); err != nil {
			b.Fatal(err)
		}
	}
}
