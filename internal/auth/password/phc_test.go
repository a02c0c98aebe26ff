package password

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodePHC(t *testing.T) {
	salt, key := []byte("0123456789abcdef"), []byte("0123456789abcdef0123456789abcdef")
	enc := encode(DefaultParams(), salt, key)
	assert.Equal(t, "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY", enc)
	d, err := decode(enc)
	require.NoError(t, err)
	assert.Equal(t, DefaultParams(), d.params)
	assert.Equal(t, salt, d.salt)
	assert.Equal(t, key, d.key)

	d, err = decode("$argon2id$v=19$m=47104,t=1,p=3$" + b64.EncodeToString(make([]byte, 8)) + "$" + b64.EncodeToString(make([]byte, 64)))
	require.NoError(t, err)
	assert.Equal(t, Params{Memory: 47104, Time: 1, Threads: 3, SaltLen: 8, KeyLen: 64}, d.params)
}

func TestVerifyRejectsMalformedEncodings(t *testing.T) {
	salt := base64.RawStdEncoding.EncodeToString(make([]byte, 16))
	key := base64.RawStdEncoding.EncodeToString(make([]byte, 32))
	with := func(params string) string { return "$argon2id$v=19$" + params + "$" + salt + "$" + key }
	cases := map[string]string{
		"empty":                   "",
		"plain text":              "correct horse battery",
		"bcrypt":                  "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
		"argon2i":                 "$argon2i$v=19$m=19456,t=2,p=1$" + salt + "$" + key,
		"argon2d":                 "$argon2d$v=19$m=19456,t=2,p=1$" + salt + "$" + key,
		"upper case algorithm":    "$ARGON2ID$v=19$m=19456,t=2,p=1$" + salt + "$" + key,
		"no version":              "$argon2id$m=19456,t=2,p=1$" + salt + "$" + key,
		"version 16":              "$argon2id$v=16$m=19456,t=2,p=1$" + salt + "$" + key,
		"no leading dollar":       "argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + key,
		"trailing field":          with("m=19456,t=2,p=1") + "$",
		"missing hash":            "$argon2id$v=19$m=19456,t=2,p=1$" + salt,
		"parameters reordered":    with("t=2,m=19456,p=1"),
		"parameter missing":       with("m=19456,t=2"),
		"extra parameter":         with("m=19456,t=2,p=1,keyid=abc"),
		"spaces":                  with("m=19456, t=2, p=1"),
		"empty number":            with("m=,t=2,p=1"),
		"negative":                with("m=-19456,t=2,p=1"),
		"plus sign":               with("m=+19456,t=2,p=1"),
		"leading zero":            with("m=019456,t=2,p=1"),
		"hex":                     with("m=0x4c00,t=2,p=1"),
		"overflow":                with("m=99999999999999999999,t=2,p=1"),
		"uint32 overflow":         with("m=4294967296,t=2,p=1"),
		"memory above 1 GiB":      with("m=1048577,t=2,p=1"),
		"memory below 8 per lane": with("m=15,t=1,p=2"),
		"zero passes":             with("m=19456,t=0,p=1"),
		"11 passes":               with("m=19456,t=11,p=1"),
		"huge passes":             with("m=19456,t=4294967295,p=1"),
		"zero lanes":              with("m=19456,t=2,p=0"),
		"17 lanes":                with("m=19456,t=2,p=17"),
		"256 lanes":               with("m=19456,t=2,p=256"),
		"salt not base64":         "$argon2id$v=19$m=19456,t=2,p=1$sa!t$" + key,
		"salt padded":             "$argon2id$v=19$m=19456,t=2,p=1$" + base64.StdEncoding.EncodeToString(make([]byte, 16)) + "$" + key,
		"salt url alphabet":       "$argon2id$v=19$m=19456,t=2,p=1$" + base64.RawURLEncoding.EncodeToString([]byte{0xfb, 0xff, 0xfe, 0xfb, 0xff, 0xfe, 0xfb, 0xff, 0xfe, 0xfb, 0xff, 0xfe, 0, 0, 0, 0}) + "$" + key,
		"salt non-canonical":      "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAB$" + key,
		"salt too short":          "$argon2id$v=19$m=19456,t=2,p=1$" + base64.RawStdEncoding.EncodeToString(make([]byte, 7)) + "$" + key,
		"salt too long":           "$argon2id$v=19$m=19456,t=2,p=1$" + base64.RawStdEncoding.EncodeToString(make([]byte, 65)) + "$" + key,
		"empty salt":              "$argon2id$v=19$m=19456,t=2,p=1$$" + key,
		"empty hash":              "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$",
		"hash not base64":         "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + strings.Repeat("*", 43),
		"hash too short":          "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + base64.RawStdEncoding.EncodeToString(make([]byte, 15)),
		"hash too long":           "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + base64.RawStdEncoding.EncodeToString(make([]byte, 65)),
		"megabyte":                with("m=19456,t=2,p=1") + strings.Repeat("A", 1<<20),
		"newline":                 with("m=19456,t=2,p=1") + "\n",
	}
	h := NewHasher(withParams(fast))
	for name, enc := range cases {
		t.Run(name, func(t *testing.T) {
			assert.NotPanics(t, func() {
				err := h.Verify(context.Background(), enc, "correct horse battery")
				assert.ErrorIs(t, err, ErrMalformedHash)
			})
		})
	}
}

// FuzzDecode checks that no input makes decoding panic, and that whatever decodes is within the
// bounds and encodes back to the same string. `go test` runs the seeds; `go test -fuzz` explores.
func FuzzDecode(f *testing.F) {
	f.Add(encode(DefaultParams(), make([]byte, 16), make([]byte, 32)))
	f.Add("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")
	f.Add("$argon2id$v=19$m=1,t=1,p=1$$")
	f.Add("$$$$$")
	f.Fuzz(func(t *testing.T, enc string) {
		d, err := decode(enc)
		if err != nil {
			return
		}
		p := d.params
		if p.Memory > maxMemoryKiB || p.Memory < 8*uint32(p.Threads) || p.Time < 1 || p.Time > maxTime ||
			p.Threads < 1 || p.Threads > maxThreads || len(d.salt) < minSaltLen || len(d.key) < minKeyLen {
			t.Fatalf("out of bounds: %+v", p)
		}
		if got := encode(p, d.salt, d.key); got != enc {
			t.Fatalf("not canonical: %q re-encodes as %q", enc, got)
		}
	})
}
