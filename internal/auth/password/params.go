package password

// Params are the argon2id cost parameters and output sizes.
type Params struct {
	Memory  uint32 // memory cost in KiB
	Time    uint32 // number of passes
	Threads uint8  // degree of parallelism (lanes)
	SaltLen uint32 // salt length in bytes
	KeyLen  uint32 // derived key length in bytes
}

// DefaultParams returns the parameters new hashes are made with: the OWASP Password Storage
// Cheat Sheet setting for argon2id (m=19456 KiB, t=2, p=1) with a 16-byte salt and a 32-byte key.
func DefaultParams() Params {
	return Params{Memory: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}
}

// Bounds on the parameters accepted from a stored hash. A hash outside them is rejected as
// malformed, so a tampered or corrupted row cannot make one sign-in allocate gigabytes, spin for
// minutes or panic inside the argon2 implementation.
const (
	maxMemoryKiB = 1024 * 1024 // 1 GiB
	maxTime      = 10
	maxThreads   = 16
	minSaltLen   = 8 // the PHC string format's minimum
	maxSaltLen   = 64
	minKeyLen    = 16
	maxKeyLen    = 64
	// maxEncodedLen bounds the encoded string before it is parsed; the longest valid encoding
	// under the bounds above is about 230 bytes.
	maxEncodedLen = 512
)

// below reports whether any parameter of p is weaker than the corresponding one of want.
func (p Params) below(want Params) bool {
	return p.Memory < want.Memory || p.Time < want.Time || p.Threads < want.Threads ||
		p.SaltLen < want.SaltLen || p.KeyLen < want.KeyLen
}

// within reports whether p, with a salt of saltLen bytes, is inside the bounds a stored hash may
// have.
func (p Params) within(saltLen int) bool {
	return p.Time >= 1 && p.Time <= maxTime && p.Threads >= 1 && p.Threads <= maxThreads &&
		p.Memory >= 8*uint32(p.Threads) && p.Memory <= maxMemoryKiB &&
		saltLen >= minSaltLen && saltLen <= maxSaltLen && p.KeyLen >= minKeyLen && p.KeyLen <= maxKeyLen
}
