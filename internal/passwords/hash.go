// Package passwords hashes and verifies passwords with argon2id (OWASP parameters, encoded in the
// PHC string form so that parameters can be raised later), bounds how many hashes run at once,
// and checks new passwords against the policy.
package passwords

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id cost parameters.
type Params struct {
	MemoryKiB uint32
	Time      uint32
	Threads   uint8
	SaltLen   int
	KeyLen    uint32
}

// OWASP is the OWASP Password Storage Cheat Sheet's argon2id setting: 19 MiB, t=2, p=1.
var OWASP = Params{MemoryKiB: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// Bounds on parameters read from a stored hash, so that a tampered row cannot make a login
// allocate gigabytes or spin for minutes.
const (
	maxMemoryKiB = 256 * 1024
	maxTime      = 10
	maxThreads   = 16
)

// ErrMalformedHash says a stored hash cannot be parsed.
var ErrMalformedHash = errors.New("passwords: malformed argon2id hash")

// Hasher runs argon2id under a concurrency bound: at most Slots hashes at once, each costing
// Params.MemoryKiB of memory, so a login flood queues instead of exhausting memory.
type Hasher struct {
	params Params
	slots  chan struct{}
	dummy  string
}

// NewHasher returns a hasher with the given parameters and bound (0: 2 per CPU, at least 2).
func NewHasher(p Params, slots int) *Hasher {
	if slots <= 0 {
		slots = max(2, 2*runtime.GOMAXPROCS(0))
	}
	h := &Hasher{params: p, slots: make(chan struct{}, slots)}
	h.dummy = encode(p, make([]byte, p.SaltLen), argon2.IDKey([]byte("dummy"), make([]byte, p.SaltLen), p.Time, p.MemoryKiB, p.Threads, p.KeyLen))
	return h
}

func (h *Hasher) acquire(ctx context.Context) error {
	select {
	case h.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *Hasher) release() { <-h.slots }

// Hash returns the PHC-encoded argon2id hash of password with a fresh random salt.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, h.params.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	p := h.params
	key := argon2.IDKey([]byte(password), salt, p.Time, p.MemoryKiB, p.Threads, p.KeyLen)
	return encode(p, salt, key), nil
}

// Verify reports whether password matches the encoded hash, in constant time.
func (h *Hasher) Verify(ctx context.Context, encoded, password string) (bool, error) {
	p, salt, want, err := decode(encoded)
	if err != nil {
		return false, err
	}
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	defer h.release()
	got := argon2.IDKey([]byte(password), salt, p.Time, p.MemoryKiB, p.Threads, uint32(len(want))) //nolint:gosec // decode bounds the key to 64 bytes
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// VerifyDummy does the work of a verification against a fixed hash and returns false, so that a
// login for an unknown email takes as long as one for a known email.
func (h *Hasher) VerifyDummy(ctx context.Context, password string) {
	_, _ = h.Verify(ctx, h.dummy, password)
}

// NeedsRehash reports whether encoded was made with weaker parameters than the hasher's.
func (h *Hasher) NeedsRehash(encoded string) bool {
	p, _, key, err := decode(encoded)
	if err != nil {
		return true
	}
	return p.MemoryKiB < h.params.MemoryKiB || p.Time < h.params.Time || len(key) < int(h.params.KeyLen)
}

func encode(p Params, salt, key []byte) string {
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.MemoryKiB, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

func decode(encoded string) (Params, []byte, []byte, error) {
	var p Params
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, ErrMalformedHash
	}
	for _, kv := range strings.Split(parts[3], ",") {
		k, v, ok := strings.Cut(kv, "=")
		n, err := strconv.ParseUint(v, 10, 32)
		if !ok || err != nil {
			return p, nil, nil, ErrMalformedHash
		}
		switch k {
		case "m":
			p.MemoryKiB = uint32(n)
		case "t":
			p.Time = uint32(n)
		case "p":
			if n > maxThreads {
				return p, nil, nil, ErrMalformedHash
			}
			p.Threads = uint8(n)
		default:
			return p, nil, nil, ErrMalformedHash
		}
	}
	if p.MemoryKiB < 8 || p.MemoryKiB > maxMemoryKiB || p.Time < 1 || p.Time > maxTime || p.Threads < 1 {
		return p, nil, nil, ErrMalformedHash
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	key, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(salt) > 64 || len(key) < 16 || len(key) > 64 {
		return p, nil, nil, ErrMalformedHash
	}
	return p, salt, key, nil
}
