package neardup

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(*Config)
		wantErr string
	}{
		{"defaults", func(*Config) {}, ""},
		{"threshold one", func(c *Config) { c.Threshold = 1 }, ""},
		{"explicit bands", func(c *Config) { c.Bands = 16 }, ""},
		{"one band of all rows", func(c *Config) { c.Bands = 1 }, ""},
		{"shingle size one", func(c *Config) { c.ShingleSize = 1 }, ""},
		{"largest signature", func(c *Config) { c.NumHashes = MaxNumHashes }, ""},
		{"zero threshold", func(c *Config) { c.Threshold = 0 }, "threshold"},
		{"threshold above one", func(c *Config) { c.Threshold = 1.5 }, "threshold"},
		{"NaN threshold", func(c *Config) { c.Threshold = math.NaN() }, "threshold"},
		{"zero shingle size", func(c *Config) { c.ShingleSize = 0 }, "shingle size"},
		{"huge shingle size", func(c *Config) { c.ShingleSize = MaxShingleSize + 1 }, "shingle size"},
		{"too few hashes", func(c *Config) { c.NumHashes = MinNumHashes - 1 }, "number of hashes"},
		{"too many hashes", func(c *Config) { c.NumHashes = MaxNumHashes + 1 }, "number of hashes"},
		{"negative bands", func(c *Config) { c.Bands = -1 }, "bands"},
		{"more bands than hashes", func(c *Config) { c.Bands = 129 }, "bands"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			tc.edit(&cfg)
			err := cfg.Validate()
			if tc.wantErr == "" {
				require.NoError(t, err)
				_, err = NewIndex(cfg)
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tc.wantErr)
			_, err = NewIndex(cfg)
			require.Error(t, err)
			_, err = Sign(cfg, "some text")
			require.Error(t, err)
		})
	}
	assert.Error(t, Config{}.Validate(), "the zero value is not valid")
}

func TestBandsRows(t *testing.T) {
	tests := []struct {
		name                string
		cfg                 Config
		wantBands, wantRows int
	}{
		{"defaults", DefaultConfig(), 42, 3},
		{"threshold 0.6", Config{Threshold: 0.6, ShingleSize: 3, NumHashes: 128}, 42, 3},
		{"threshold 0.8", Config{Threshold: 0.8, ShingleSize: 3, NumHashes: 128}, 21, 6},
		{"threshold 0.3", Config{Threshold: 0.3, ShingleSize: 3, NumHashes: 128}, 64, 2},
		{"explicit", Config{Threshold: 0.5, ShingleSize: 3, NumHashes: 128, Bands: 32}, 32, 4},
		{"explicit, uneven", Config{Threshold: 0.5, ShingleSize: 3, NumHashes: 100, Bands: 30}, 30, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, r := tc.cfg.BandsRows()
			assert.Equal(t, tc.wantBands, b)
			assert.Equal(t, tc.wantRows, r)
			assert.LessOrEqual(t, b*r, tc.cfg.NumHashes)
			if tc.cfg.Bands == 0 {
				assert.GreaterOrEqual(t, CandidateProbability(tc.cfg.Threshold, b, r), autoBandRecall)
			}
		})
	}
}

func TestCandidateProbability(t *testing.T) {
	// The S-curve of the defaults (42 bands × 3 rows), as quoted in the package documentation.
	for s, want := range map[float64]float64{0.1: 0.041, 0.2: 0.286, 0.3: 0.683, 0.4: 0.938, 0.5: 0.996, 0.6: 1.000} {
		assert.InDelta(t, want, CandidateProbability(s, 42, 3), 0.0005, "s=%v", s)
	}
	assert.Equal(t, 0.0, CandidateProbability(0, 42, 3))
	assert.Equal(t, 1.0, CandidateProbability(1, 42, 3))
}
