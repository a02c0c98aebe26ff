package password

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"runtime"

	"golang.org/x/crypto/argon2"
)

// ErrMismatch is returned by Verify when the password does not match the stored hash, and always
// by DummyVerify.
var ErrMismatch = errors.New("password: does not match")

// maxDefaultConcurrency caps the default number of concurrent hashes: 16 × 19 MiB ≈ 304 MiB.
const maxDefaultConcurrency = 16

// Hasher hashes and verifies passwords with argon2id under a concurrency bound: at most a fixed
// number of derivations run at once, each holding about Params.Memory KiB, and callers beyond
// that wait for a slot (or for their context to end). A Hasher is safe for concurrent use.
type Hasher struct {
	params Params
	slots  chan struct{}
	dummy  string // a well-formed hash no password matches, for DummyVerify
	// kdf derives the key; tests replace it to observe concurrency.
	kdf func(pw, salt []byte, p Params) []byte
}

// Option configures a Hasher.
type Option func(*Hasher)

// WithConcurrency sets how many hashes may run at once. Values below 1 keep the default,
// GOMAXPROCS capped at 16: with one lane per hash, more concurrent hashes than processors add
// memory but no throughput.
func WithConcurrency(n int) Option {
	return func(h *Hasher) {
		if n >= 1 {
			h.slots = make(chan struct{}, n)
		}
	}
}

// NewHasher returns a Hasher that makes new hashes with DefaultParams.
func NewHasher(opts ...Option) *Hasher {
	h := &Hasher{
		params: DefaultParams(),
		slots:  make(chan struct{}, min(runtime.GOMAXPROCS(0), maxDefaultConcurrency)),
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

// Hash returns the PHC-encoded argon2id hash of pw with a fresh random salt. It waits for a free
// slot and returns the context's error if ctx ends first.
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
// when encoded cannot be parsed or has parameters out of bounds, or the context's error if ctx
// ends while waiting for a slot. Any non-nil error means "not authenticated".
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
// returns ErrMismatch (or the context's error). Call it when the account is unknown, so that a
// failed sign-in takes about the same time whether or not the email is registered.
func (h *Hasher) DummyVerify(ctx context.Context, pw string) error {
	if err := h.Verify(ctx, h.dummy, pw); err != nil && !errors.Is(err, ErrMismatch) {
		return err
	}
	return ErrMismatch
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

// derive runs the key derivation while holding a slot.
func (h *Hasher) derive(ctx context.Context, pw string, salt []byte, p Params) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-h.slots }()
	return h.kdf([]byte(pw), salt, p), nil
}

func idKey(pw, salt []byte, p Params) []byte {
	return argon2.IDKey(pw, salt, p.Time, p.Memory, p.Threads, p.KeyLen)
}
