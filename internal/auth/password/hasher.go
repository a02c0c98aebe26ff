package password

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"time"

	"golang.org/x/crypto/argon2"
)

// ErrMismatch is returned by Verify when the password does not match the stored hash, and always
// by DummyVerify.
var ErrMismatch = errors.New("password: does not match")

// Hasher hashes and verifies passwords with argon2id within a Budget: a bounded number of
// derivations run at once, a bounded number of callers wait briefly for them, and the rest get
// ErrBusy. A Hasher is safe for concurrent use.
type Hasher struct {
	params Params
	budget *Budget
	dummy  string // a well-formed hash no password matches, for DummyVerify
	// kdf derives the key in this process; tests replace it to observe concurrency.
	kdf func(pw, salt []byte, p Params) []byte
	// workers, when set, derive keys in child processes at the idle priority instead (WithWorkers).
	workers *Workers
}

// Option configures a Hasher.
type Option func(*Hasher)

// WithBudget makes the Hasher hash within b instead of DefaultBudget.
func WithBudget(b *Budget) Option {
	return func(h *Hasher) { h.budget = b }
}

// WithWorkers makes the Hasher derive keys in ws's child processes, at the lowest priority,
// and in this process only when a child fails.
func WithWorkers(ws *Workers) Option {
	return func(h *Hasher) { h.workers = ws }
}

// NewHasher returns a Hasher that makes new hashes with DefaultParams.
func NewHasher(opts ...Option) *Hasher {
	h := &Hasher{
		params: DefaultParams(),
		budget: DefaultBudget(),
		kdf:    idKey,
	}
	for _, o := range opts {
		o(h)
	}
	// The dummy hash has the current parameters, a fixed salt and an all-zero key: verifying
	// against it costs exactly what verifying against a fresh real hash costs.
	h.dummy = encode(h.params, make([]byte, h.params.SaltLen), make([]byte, h.params.KeyLen))
	return h
}

// Hash returns the PHC-encoded argon2id hash of pw with a fresh random salt. It returns ErrBusy
// when the budget is spent, and the context's error if ctx ends while waiting for a slot.
func (h *Hasher) Hash(ctx context.Context, pw string) (string, error) {
	salt := make([]byte, h.params.SaltLen)
	_, _ = rand.Read(salt) // crypto/rand.Read never fails; it crashes the program instead
	key, err := h.derive(ctx, pw, salt, h.params)
	if err != nil {
		return "", err
	}
	return encode(h.params, salt, key), nil
}

// Verify checks pw against a hash produced by Hash, using the parameters stored in the hash. It
// returns nil on a match, ErrMismatch on a wrong password, an error wrapping ErrMalformedHash
// when encoded cannot be parsed or has parameters out of bounds, ErrBusy when the budget is spent,
// or the context's error if ctx ends while waiting for a slot. Any non-nil error means "not
// authenticated".
func (h *Hasher) Verify(ctx context.Context, encoded, pw string) error {
	d, err := decode(encoded)
	if err != nil {
		return err
	}
	key, err := h.derive(ctx, pw, d.salt, d.params)
	if err != nil {
		return err
	}
	if subtle.ConstantTimeCompare(key, d.key) != 1 {
		return ErrMismatch
	}
	return nil
}

// DummyVerify does the work of Verify against a fixed hash with the current parameters and
// returns ErrMismatch (or ErrBusy, or the context's error). Call it when the account is unknown, so
// that a failed sign-in takes about the same time, and meets the same budget, whether or not the
// email is registered.
func (h *Hasher) DummyVerify(ctx context.Context, pw string) error {
	if err := h.Verify(ctx, h.dummy, pw); err != nil && !errors.Is(err, ErrMismatch) {
		return err
	}
	return ErrMismatch
}

// Busy reports whether hashing would be turned away with ErrBusy now (Budget.Spent): a hint that
// lets a caller skip the work before a hash, such as counting a sign-in attempt.
func (h *Hasher) Busy() bool {
	return h.budget.Spent()
}

// NeedsRehash reports whether encoded was made with parameters weaker than this Hasher's, or
// cannot be parsed. Call it after a successful Verify and, when true, store a fresh Hash.
func (h *Hasher) NeedsRehash(encoded string) bool {
	return needsRehash(encoded, h.params)
}

// NeedsRehash reports whether encoded was made with parameters weaker than DefaultParams, or
// cannot be parsed.
func NeedsRehash(encoded string) bool {
	return needsRehash(encoded, DefaultParams())
}

func needsRehash(encoded string, want Params) bool {
	d, err := decode(encoded)
	return err != nil || d.params.below(want)
}

// derive runs the key derivation while holding a slot of the budget, and charges the budget what
// it took: its wall time, or the processor time it used when that is less. On a machine shared
// with other programs the wall time also counts their work: one registration on a busy machine
// would otherwise spend the whole share and turn the next sign-in away; and a worker at the lowest
// priority waits for every other program.
func (h *Hasher) derive(ctx context.Context, pw string, salt []byte, p Params) ([]byte, error) {
	release, err := h.budget.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	var took time.Duration
	defer func() { release(took) }()
	start := time.Now()
	key, cpu, cpuKnown := h.compute([]byte(pw), salt, p)
	took = time.Since(start)
	if cpuKnown {
		took = min(took, cpu)
	}
	return key, nil
}

// compute derives the key in a worker when there are workers, else (or when the worker fails) in
// this process, and returns the processor time it used when that is known.
func (h *Hasher) compute(pw, salt []byte, p Params) (key []byte, cpu time.Duration, cpuKnown bool) {
	if h.workers != nil {
		key, cpu, err := h.workers.derive(pw, salt, p)
		if err == nil {
			return key, cpu, cpu > 0
		}
		h.workers.log.Warn("password hashed in the server: the worker process failed", "error", err)
	}
	cpuStart, startKnown := processCPUTime()
	key = h.kdf(pw, salt, p)
	cpuEnd, endKnown := processCPUTime()
	return key, cpuEnd - cpuStart, startKnown && endKnown
}

func idKey(pw, salt []byte, p Params) []byte {
	return argon2.IDKey(pw, salt, p.Time, p.Memory, p.Threads, p.KeyLen)
}
