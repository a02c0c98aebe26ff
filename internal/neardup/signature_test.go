package neardup

import (
	"hash/fnv"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fox = "The quick brown fox jumps over the lazy dog while the agency drafts its scheme."

func mustSign(t testing.TB, text string) Signature {
	t.Helper()
	sig, err := Sign(DefaultConfig(), text)
	require.NoError(t, err)
	return sig
}

func TestSignatureIsStable(t *testing.T) {
	// Signatures are stored in the database: these values must never change for the same text
	// and config (bump encodingVersion if the hash family has to change).
	sig := mustSign(t, fox)
	require.Equal(t, 128, sig.Len())
	assert.Equal(t, 3, sig.ShingleSize())
	assert.Equal(t, []uint32{0x67b8b00, 0xc3256b8, 0x2a750fca, 0x1d72072c}, sig.mins[:4])
	h := fnv.New64a()
	h.Write(sig.Bytes())
	assert.Equal(t, uint64(0x49f923c743fe56b0), h.Sum64(), "checksum of the whole encoding")
	assert.True(t, sig.Equal(mustSign(t, fox)))
}

func TestSignatureBytesRoundTrip(t *testing.T) {
	for _, text := range []string{fox, "", "ok", "Ελληνικά και кирилица"} {
		sig := mustSign(t, text)
		data := sig.Bytes()
		if sig.Empty() {
			assert.Len(t, data, 4)
		} else {
			assert.Len(t, data, 4+4*128, "516 bytes with the defaults")
		}
		back, err := ParseSignature(data)
		require.NoError(t, err)
		assert.True(t, sig.Equal(back), "text %q", text)

		bin, err := sig.MarshalBinary()
		require.NoError(t, err)
		var viaBinary Signature
		require.NoError(t, viaBinary.UnmarshalBinary(bin))
		assert.True(t, sig.Equal(viaBinary))
	}
}

func TestParseSignatureRejectsMalformedBytes(t *testing.T) {
	good := mustSign(t, fox).Bytes()
	tests := []struct {
		name string
		data []byte
	}{
		{"nil", nil},
		{"short header", []byte{1, 3}},
		{"unknown version", append([]byte{9}, good[1:]...)},
		{"zero shingle size", append([]byte{1, 0}, good[2:]...)},
		{"too few values", []byte{1, 3, 0, 1, 0, 0, 0, 0}},
		{"truncated", good[:len(good)-1]},
		{"trailing byte", append(append([]byte{}, good...), 0)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseSignature(tc.data)
			require.ErrorIs(t, err, ErrBadSignature)
			var s Signature
			require.ErrorIs(t, s.UnmarshalBinary(tc.data), ErrBadSignature)
		})
	}
}

func TestSimilarity(t *testing.T) {
	base := mustSign(t, fox)
	tests := []struct {
		name     string
		other    string
		min, max float64
	}{
		{"identical", fox, 1, 1},
		{"case, punctuation and accents only", "the QUICK brown fox, jumps óver the lazy dog; while the agency drafts its scheme!!", 1, 1},
		{"one word changed", "The quick brown fox jumps over the lazy cat while the agency drafts its scheme.", 0.55, 0.95},
		{"unrelated", "Conformity assessment bodies need accreditation before they may issue any certificate.", 0, 0.1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := base.Similarity(mustSign(t, tc.other))
			assert.GreaterOrEqual(t, s, tc.min)
			assert.LessOrEqual(t, s, tc.max)
		})
	}

	other := DefaultConfig()
	other.NumHashes = 64
	small, err := Sign(other, fox)
	require.NoError(t, err)
	assert.Zero(t, base.Similarity(small), "different numbers of hashes are not comparable")
	other = DefaultConfig()
	other.ShingleSize = 2
	k2, err := Sign(other, fox)
	require.NoError(t, err)
	assert.Zero(t, base.Similarity(k2), "different shingle sizes are not comparable")
}

func TestShortTextsUseCharacterShingles(t *testing.T) {
	// With fewer than 2×ShingleSize words a text has too few word shingles to compare, so it is
	// shingled by characters: short near-identical texts still match, different ones do not.
	tests := []struct {
		name     string
		a, b     string
		min, max float64
	}{
		{"same after normalising", "I agree.", "i AGREE!", 1, 1},
		{"one word changed", "I fully support this proposal", "I fully support the proposal", 0.5, 0.95},
		{"different", "I fully support this proposal", "Clause 5.2 must be deleted", 0, 0.1},
		{"single character", "a", "a", 1, 1},
		{"single characters differ", "a", "b", 0, 0},
		{"word shingles from six words", "one two three four five six", "one two three four five six", 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, b := mustSign(t, tc.a), mustSign(t, tc.b)
			require.False(t, a.Empty())
			s := a.Similarity(b)
			assert.GreaterOrEqual(t, s, tc.min)
			assert.LessOrEqual(t, s, tc.max)
		})
	}
	assert.Len(t, shingles(Normalise("one two three four five"), 3), len("one two three four five")-charShingleSize+1)
	assert.Len(t, shingles(Normalise("one two three four five six"), 3), 4)
}

func TestEmptyText(t *testing.T) {
	for _, text := range []string{"", "   ", "!!! ??? …", "🙂🙂"} {
		sig := mustSign(t, text)
		assert.True(t, sig.Empty(), "%q", text)
		assert.Zero(t, sig.Len())
		assert.Zero(t, sig.Similarity(sig), "an empty signature matches nothing, not even itself")
	}
	assert.True(t, Signature{}.Empty())
}

// TestSimilarityEstimatesJaccard compares the MinHash estimate with the exact Jaccard
// similarity of the shingle sets over pairs of campaign variants and distinct comments; the
// standard error with 128 hashes is at most 0.044.
func TestSimilarityEstimatesJaccard(t *testing.T) {
	items := consultation(3, 40, 40)
	cfg := DefaultConfig()
	worst := 0.0
	for i := 0; i+1 < len(items); i++ {
		a, b := items[i].text, items[i+1].text
		exact := jaccard(shingles(Normalise(a), 3), shingles(Normalise(b), 3))
		est := sign(cfg, a).Similarity(sign(cfg, b))
		worst = max(worst, math.Abs(est-exact))
	}
	t.Logf("largest estimation error over %d pairs: %.3f", len(items)-1, worst)
	assert.Less(t, worst, 0.15, "more than 3.4 standard errors")
}

// jaccard is the exact Jaccard similarity of two sets of shingle hashes.
func jaccard(a, b []uint64) float64 {
	sa, sb := map[uint64]bool{}, map[uint64]bool{}
	for _, x := range a {
		sa[x] = true
	}
	for _, x := range b {
		sb[x] = true
	}
	inter := 0
	for x := range sa {
		if sb[x] {
			inter++
		}
	}
	return float64(inter) / float64(len(sa)+len(sb)-inter)
}
