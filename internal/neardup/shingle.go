package neardup

// charShingleSize is the number of runes per shingle for short texts (see Config.ShingleSize).
const charShingleSize = 4

// FNV-1a 64-bit parameters. FNV is used, not hash/maphash, because signatures are stored and
// must not change between processes.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	// charTag separates character-shingle hashes from word-shingle hashes.
	charTag = 0x9e3779b97f4a7c15
)

// mix64 is the MurmurHash3 64-bit finaliser: a bijection that spreads every input bit.
func mix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

func fnv1a(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// wordHashes splits normalised text on single spaces and hashes every word.
func wordHashes(normalised string, dst []uint64) []uint64 {
	start := 0
	for i := 0; i <= len(normalised); i++ {
		if i == len(normalised) || normalised[i] == ' ' {
			if i > start {
				dst = append(dst, fnv1a(normalised[start:i]))
			}
			start = i + 1
		}
	}
	return dst
}

// shingles returns the hashes of the shingles of normalised text (duplicates possible): word
// k-shingles, or character shingles when the text has fewer than 2k words. Empty text has none.
func shingles(normalised string, k int) []uint64 {
	if normalised == "" {
		return nil
	}
	words := wordHashes(normalised, make([]uint64, 0, len(normalised)/5+1))
	if len(words) < 2*k {
		return charShingles(normalised)
	}
	out := make([]uint64, 0, len(words)-k+1)
	for i := 0; i+k <= len(words); i++ {
		h := uint64(k) //nolint:gosec // k is a shingle size, 1 to MaxShingleSize
		for _, w := range words[i : i+k] {
			h = mix64(h + w)
		}
		out = append(out, h)
	}
	return out
}

// charShingles hashes every run of charShingleSize runes (the whole text if it is shorter).
func charShingles(normalised string) []uint64 {
	var starts []int
	for i := range normalised {
		starts = append(starts, i)
	}
	if len(starts) <= charShingleSize {
		return []uint64{mix64(fnv1a(normalised) ^ charTag)}
	}
	starts = append(starts, len(normalised))
	out := make([]uint64, 0, len(starts)-charShingleSize)
	for i := 0; i+charShingleSize < len(starts); i++ {
		out = append(out, mix64(fnv1a(normalised[starts[i]:starts[i+charShingleSize]])^charTag))
	}
	return out
}
