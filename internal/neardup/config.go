package neardup

import (
	"errors"
	"fmt"
	"math"
)

// Limits on Config fields.
const (
	// MaxShingleSize is the largest accepted Config.ShingleSize.
	MaxShingleSize = 16
	// MinNumHashes and MaxNumHashes bound Config.NumHashes.
	MinNumHashes = 16
	MaxNumHashes = 1024
)

// autoBandRecall is the probability, at a similarity equal to the threshold, with which two
// signatures must share at least one LSH bucket when the bands are derived automatically.
const autoBandRecall = 0.99

// Config tunes near-duplicate detection. The zero value is not valid; start from DefaultConfig.
// Signatures are only comparable between configs with the same ShingleSize and NumHashes.
type Config struct {
	// Threshold is the estimated Jaccard similarity of shingle sets at or above which two
	// comments are near-identical, in (0, 1]. A comment joins a cluster when it is
	// near-identical to the representative or to a member, and at least Threshold/2 similar to
	// the representative (the drift bound). Default 0.5; the package documentation explains why.
	Threshold float64
	// ShingleSize is the number of consecutive words in a shingle (1..MaxShingleSize). Texts with
	// fewer than 2×ShingleSize words are shingled by characters instead. Default 3.
	ShingleSize int
	// NumHashes is the number of MinHash values in a signature (MinNumHashes..MaxNumHashes).
	// The standard error of the similarity estimate is sqrt(s(1-s)/NumHashes). Default 128.
	NumHashes int
	// Bands is the number of LSH bands; each band hashes NumHashes/Bands consecutive values
	// (left-over values are still used when confirming a match). 0 derives it from Threshold:
	// the most rows per band such that two signatures at the threshold share a bucket with
	// probability >= 0.99. Default 0 (42 bands of 3 rows for the default Threshold and NumHashes).
	Bands int
}

// DefaultConfig returns the documented defaults: Threshold 0.5, ShingleSize 3, NumHashes 128,
// Bands derived (42 bands × 3 rows).
func DefaultConfig() Config {
	return Config{Threshold: 0.5, ShingleSize: 3, NumHashes: 128}
}

// Validate reports whether every field is within its documented range.
func (c Config) Validate() error {
	var errs []error
	if math.IsNaN(c.Threshold) || c.Threshold <= 0 || c.Threshold > 1 {
		errs = append(errs, fmt.Errorf("neardup: threshold %v must be in (0, 1]", c.Threshold))
	}
	if c.ShingleSize < 1 || c.ShingleSize > MaxShingleSize {
		errs = append(errs, fmt.Errorf("neardup: shingle size %d must be in 1..%d", c.ShingleSize, MaxShingleSize))
	}
	if c.NumHashes < MinNumHashes || c.NumHashes > MaxNumHashes {
		errs = append(errs, fmt.Errorf("neardup: number of hashes %d must be in %d..%d", c.NumHashes, MinNumHashes, MaxNumHashes))
	}
	if c.Bands < 0 || (c.NumHashes >= MinNumHashes && c.Bands > c.NumHashes) {
		errs = append(errs, fmt.Errorf("neardup: bands %d must be 0 (derived) or in 1..NumHashes", c.Bands))
	}
	return errors.Join(errs...)
}

// BandsRows returns the LSH layout: the number of bands and the rows (hash values) per band.
// It assumes a valid config.
func (c Config) BandsRows() (bands, rows int) {
	if c.Bands > 0 {
		return c.Bands, c.NumHashes / c.Bands
	}
	for r := c.NumHashes; r > 1; r-- {
		b := c.NumHashes / r
		if CandidateProbability(c.Threshold, b, r) >= autoBandRecall {
			return b, r
		}
	}
	return c.NumHashes, 1
}

// CandidateProbability is the LSH S-curve 1-(1-s^rows)^bands: the probability that two
// signatures whose true Jaccard similarity is s share at least one bucket.
func CandidateProbability(s float64, bands, rows int) float64 {
	return 1 - math.Pow(1-math.Pow(s, float64(rows)), float64(bands))
}
