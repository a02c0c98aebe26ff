package neardup

import "math"

// hashFamily holds the parameters (a odd, b) of the MinHash functions
// h_i(x) = (a_i·x + b_i mod 2^64) >> 32, a multiply-shift family applied to the shingle's
// already well-mixed 64-bit hash. They come from SplitMix64 seeded with a constant, so that
// signatures are identical in every process and every version of this code.
var hashFamily = func() (f [MaxNumHashes][2]uint64) {
	x := uint64(0x636f6e73756c7431) // "consult1"
	next := func() uint64 {
		x += 0x9e3779b97f4a7c15
		z := x
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		return z ^ (z >> 31)
	}
	for i := range f {
		f[i] = [2]uint64{next() | 1, next()}
	}
	return f
}()

// Signature is the MinHash signature of one text: for each of NumHashes hash functions, the
// smallest 32-bit hash of any of the text's shingles. The zero value, like the signature of a
// text with no letters or digits, is empty and never matches anything.
type Signature struct {
	shingleSize uint8
	mins        []uint32
}

// Sign computes the signature of text under cfg.
func Sign(cfg Config, text string) (Signature, error) {
	if err := cfg.Validate(); err != nil {
		return Signature{}, err
	}
	return sign(cfg, text), nil
}

// sign computes a signature under a config known to be valid.
func sign(cfg Config, text string) Signature {
	sh := shingles(Normalise(text), cfg.ShingleSize)
	sig := Signature{shingleSize: uint8(cfg.ShingleSize)} //nolint:gosec // Validate caps ShingleSize at MaxShingleSize
	if len(sh) == 0 {
		return sig
	}
	mins := make([]uint32, cfg.NumHashes)
	family := hashFamily[:cfg.NumHashes]
	i := 0
	// Four hash functions over every shingle at a time: their minimums stay in registers and the
	// four multiplications of a shingle run side by side.
	for ; i+4 <= len(family); i += 4 {
		f := family[i : i+4 : i+4]
		m0, m1, m2, m3 := uint32(math.MaxUint32), uint32(math.MaxUint32), uint32(math.MaxUint32), uint32(math.MaxUint32)
		for _, x := range sh {
			m0 = min(m0, uint32((f[0][0]*x+f[0][1])>>32))
			m1 = min(m1, uint32((f[1][0]*x+f[1][1])>>32))
			m2 = min(m2, uint32((f[2][0]*x+f[2][1])>>32))
			m3 = min(m3, uint32((f[3][0]*x+f[3][1])>>32))
		}
		mins[i], mins[i+1], mins[i+2], mins[i+3] = m0, m1, m2, m3
	}
	for ; i < len(family); i++ {
		lowest := uint32(math.MaxUint32)
		for _, x := range sh {
			lowest = min(lowest, uint32((family[i][0]*x+family[i][1])>>32))
		}
		mins[i] = lowest
	}
	sig.mins = mins
	return sig
}

// Empty reports whether the signature has no values (text without letters or digits).
func (s Signature) Empty() bool { return len(s.mins) == 0 }

// Len returns the number of MinHash values (0 when empty).
func (s Signature) Len() int { return len(s.mins) }

// ShingleSize returns the word shingle size the signature was computed with.
func (s Signature) ShingleSize() int { return int(s.shingleSize) }

// Similarity estimates the Jaccard similarity of the two texts' shingle sets: the fraction of
// positions where the MinHash values agree. It is 0 if either signature is empty or they were
// computed with different shingle sizes or numbers of hashes.
func (s Signature) Similarity(o Signature) float64 {
	if s.Empty() || len(s.mins) != len(o.mins) || s.shingleSize != o.shingleSize {
		return 0
	}
	same := 0
	for i, v := range s.mins {
		if v == o.mins[i] {
			same++
		}
	}
	return float64(same) / float64(len(s.mins))
}

// Equal reports whether two signatures are identical.
func (s Signature) Equal(o Signature) bool {
	if s.shingleSize != o.shingleSize || len(s.mins) != len(o.mins) {
		return false
	}
	for i, v := range s.mins {
		if v != o.mins[i] {
			return false
		}
	}
	return true
}

// compatible reports whether s can be compared under cfg (empty signatures only need the
// right shingle size).
func (s Signature) compatible(cfg Config) bool {
	return int(s.shingleSize) == cfg.ShingleSize && (s.Empty() || len(s.mins) == cfg.NumHashes)
}
