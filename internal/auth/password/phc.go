package password

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrMalformedHash is returned (wrapped, with a reason) when a stored hash is not a well-formed
// argon2id PHC string within the accepted parameter bounds.
var ErrMalformedHash = errors.New("password: malformed argon2id hash")

// b64 is the PHC string format's base64: standard alphabet, no padding, canonical trailing bits.
var b64 = base64.RawStdEncoding.Strict()

// argon2Version is the only argon2 version accepted (0x13, the current one).
const argon2Version = 19

// encode renders a derived key in the PHC string form.
func encode(p Params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// decoded is a parsed PHC string.
type decoded struct {
	params Params
	salt   []byte
	key    []byte
}

// decode parses and bounds-checks an argon2id PHC string. It never panics.
func decode(encoded string) (decoded, error) {
	var d decoded
	if len(encoded) > maxEncodedLen {
		return d, malformed("too long")
	}
	// Only the PHC alphabet: this also stops the base64 decoder from skipping CR and LF.
	for _, c := range []byte(encoded) {
		if !phcChar(c) {
			return d, malformed("unexpected character")
		}
	}
	// "$argon2id$v=19$m=..,t=..,p=..$salt$hash" splits into 6 fields, the first empty.
	fields := strings.Split(encoded, "$")
	if len(fields) != 6 || fields[0] != "" {
		return d, malformed("wrong number of fields")
	}
	if fields[1] != "argon2id" {
		return d, malformed("algorithm is not argon2id")
	}
	if fields[2] != "v="+strconv.Itoa(argon2Version) {
		return d, malformed("unsupported version")
	}
	p, err := decodeParams(fields[3])
	if err != nil {
		return d, err
	}
	salt, err := b64.DecodeString(fields[4])
	if err != nil {
		return d, malformed("salt is not base64")
	}
	if len(salt) < minSaltLen || len(salt) > maxSaltLen {
		return d, malformed("salt length out of bounds")
	}
	key, err := b64.DecodeString(fields[5])
	if err != nil {
		return d, malformed("hash is not base64")
	}
	if len(key) < minKeyLen || len(key) > maxKeyLen {
		return d, malformed("hash length out of bounds")
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key)) //nolint:gosec // G115: both at most 64, checked above
	return decoded{params: p, salt: salt, key: key}, nil
}

// decodeParams parses "m=<kib>,t=<passes>,p=<lanes>", in that order, nothing else.
func decodeParams(s string) (Params, error) {
	var p Params
	parts := strings.Split(s, ",")
	if len(parts) != 3 {
		return p, malformed("parameters are not m,t,p")
	}
	m, err := decodeUint(parts[0], "m=", maxMemoryKiB)
	if err != nil {
		return p, err
	}
	t, err := decodeUint(parts[1], "t=", maxTime)
	if err != nil {
		return p, err
	}
	lanes, err := decodeUint(parts[2], "p=", maxThreads)
	if err != nil {
		return p, err
	}
	if t < 1 || lanes < 1 {
		return p, malformed("t and p must be at least 1")
	}
	if m < 8*lanes { // argon2 needs at least 8 KiB per lane
		return p, malformed("memory below 8 KiB per lane")
	}
	//nolint:gosec // G115: m, t and lanes are at most maxMemoryKiB, maxTime and maxThreads
	return Params{Memory: uint32(m), Time: uint32(t), Threads: uint8(lanes)}, nil
}

// decodeUint parses name followed by a canonical decimal (no sign, no leading zero) up to max.
func decodeUint(s, name string, max uint64) (uint64, error) {
	digits, ok := strings.CutPrefix(s, name)
	if !ok {
		return 0, malformed("expected parameter " + name)
	}
	if len(digits) == 0 || len(digits) > 10 || (len(digits) > 1 && digits[0] == '0') {
		return 0, malformed("parameter " + name + " is not a canonical number")
	}
	for _, c := range []byte(digits) {
		if c < '0' || c > '9' {
			return 0, malformed("parameter " + name + " is not a canonical number")
		}
	}
	v, err := strconv.ParseUint(digits, 10, 64)
	if err != nil || v > max {
		return 0, malformed("parameter " + name + " out of bounds")
	}
	return v, nil
}

// phcChar reports whether c may appear in an argon2id PHC string.
func phcChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '+' || c == '/' || c == '$' || c == '=' || c == ','
}

func malformed(reason string) error {
	return fmt.Errorf("%w: %s", ErrMalformedHash, reason)
}
