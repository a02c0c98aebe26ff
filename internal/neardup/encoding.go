package neardup

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// encodingVersion identifies the byte layout and the hash family. Change it if either changes,
// so that stored signatures are recomputed instead of silently compared with new ones.
const encodingVersion = 1

// ErrBadSignature is returned when bytes do not decode to a signature.
var ErrBadSignature = errors.New("neardup: malformed signature bytes")

// Bytes encodes the signature compactly for storage (4 bytes per value plus a 4-byte header:
// 516 bytes with the defaults): version, shingle size, number of values (uint16 big-endian),
// then each value as a little-endian uint32.
func (s Signature) Bytes() []byte {
	out := make([]byte, 4, 4+4*len(s.mins))
	out[0] = encodingVersion
	out[1] = s.shingleSize
	binary.BigEndian.PutUint16(out[2:4], uint16(len(s.mins))) //nolint:gosec // Config caps NumHashes at MaxNumHashes
	for _, v := range s.mins {
		out = binary.LittleEndian.AppendUint32(out, v)
	}
	return out
}

// MarshalBinary implements encoding.BinaryMarshaler with the Bytes layout.
func (s Signature) MarshalBinary() ([]byte, error) { return s.Bytes(), nil }

// UnmarshalBinary implements encoding.BinaryUnmarshaler.
func (s *Signature) UnmarshalBinary(data []byte) error {
	parsed, err := ParseSignature(data)
	if err != nil {
		return err
	}
	*s = parsed
	return nil
}

// ParseSignature decodes bytes produced by Signature.Bytes.
func ParseSignature(data []byte) (Signature, error) {
	if len(data) < 4 {
		return Signature{}, fmt.Errorf("%w: %d bytes is shorter than the header", ErrBadSignature, len(data))
	}
	if data[0] != encodingVersion {
		return Signature{}, fmt.Errorf("%w: unknown version %d", ErrBadSignature, data[0])
	}
	k := data[1]
	if k < 1 || k > MaxShingleSize {
		return Signature{}, fmt.Errorf("%w: shingle size %d", ErrBadSignature, k)
	}
	n := int(binary.BigEndian.Uint16(data[2:4]))
	if n != 0 && (n < MinNumHashes || n > MaxNumHashes) {
		return Signature{}, fmt.Errorf("%w: %d values", ErrBadSignature, n)
	}
	if len(data) != 4+4*n {
		return Signature{}, fmt.Errorf("%w: %d bytes for %d values", ErrBadSignature, len(data), n)
	}
	sig := Signature{shingleSize: k}
	if n > 0 {
		sig.mins = make([]uint32, n)
		for i := range sig.mins {
			sig.mins[i] = binary.LittleEndian.Uint32(data[4+4*i:])
		}
	}
	return sig, nil
}
