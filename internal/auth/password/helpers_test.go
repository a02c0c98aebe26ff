package password

// withParams lowers the cost parameters for tests. It lives in a _test.go file, so production
// code cannot reach it: production hashers always use DefaultParams.
func withParams(p Params) Option {
	return func(h *Hasher) { h.params = p }
}

// fast are cheap parameters for tests that are not about the cost itself.
var fast = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// withKDF replaces the key derivation, to observe how many run at once.
func withKDF(f func(pw, salt []byte, p Params) []byte) Option {
	return func(h *Hasher) { h.kdf = f }
}
