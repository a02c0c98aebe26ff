package zipsafe

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type entry struct {
	name, body string
	method     uint16
}

func pack(t *testing.T, entries ...entry) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: e.method})
		require.NoError(t, err)
		_, err = w.Write([]byte(e.body))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func open(b []byte, l Limits) (*zip.Reader, error) {
	return Open(bytes.NewReader(b), int64(len(b)), l)
}

func TestOpenChecksTheDirectory(t *testing.T) {
	l := Limits{MaxEntries: 3, MaxTotal: 100, MaxEntry: 60}
	_, err := open(pack(t, entry{"a", strings.Repeat("a", 60), zip.Deflate}, entry{"b", strings.Repeat("b", 40), zip.Store}), l)
	assert.NoError(t, err)

	for name, tc := range map[string]struct {
		b    []byte
		want error
	}{
		"entry too large":   {pack(t, entry{"a", strings.Repeat("a", 61), zip.Deflate}), ErrTooLarge},
		"total too large":   {pack(t, entry{"a", strings.Repeat("a", 60), zip.Deflate}, entry{"b", strings.Repeat("b", 41), zip.Deflate}), ErrTooLarge},
		"too many entries":  {pack(t, entry{"a", "", 0}, entry{"b", "", 0}, entry{"c", "", 0}, entry{"d", "", 0}), ErrMalformed},
		"duplicate names":   {pack(t, entry{"a", "1", 0}, entry{"a", "2", 0}), ErrMalformed},
		"bzip2 compression": {bzip2Entry(t), ErrMalformed},
		"not a zip":         {[]byte("PK\x03\x04 and nothing else of a zip file"), ErrMalformed},
		"truncated":         {pack(t, entry{"a", "hello", zip.Deflate})[:30], ErrMalformed},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := open(tc.b, l)
			assert.ErrorIs(t, err, tc.want)
		})
	}
}

// bzip2Entry packs one entry marked as bzip2-compressed (method 12), which office files never use.
func bzip2Entry(t *testing.T) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "a", Method: 12, CompressedSize64: 1, UncompressedSize64: 1})
	require.NoError(t, err)
	_, _ = w.Write([]byte{0})
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func TestEntriesAreReadThroughTheirBound(t *testing.T) {
	b := pack(t, entry{"a", strings.Repeat("a", 1000), zip.Deflate})
	zr, err := open(b, Limits{MaxEntries: 1, MaxTotal: 1000, MaxEntry: 1000})
	require.NoError(t, err)
	got, err := ReadEntry(zr.File[0], 1000)
	require.NoError(t, err)
	assert.Len(t, got, 1000)
	_, err = ReadEntry(zr.File[0], 999)
	assert.ErrorIs(t, err, ErrTooLarge, "the declared size is over the bound")

	// An entry that declares 10 bytes and inflates to a megabyte.
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestSpeed)
	_, _ = fw.Write(bytes.Repeat([]byte("x"), 1<<20))
	require.NoError(t, fw.Close())
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "liar", Method: zip.Deflate, CompressedSize64: uint64(deflated.Len()), UncompressedSize64: 10})
	require.NoError(t, err)
	_, _ = w.Write(deflated.Bytes())
	require.NoError(t, zw.Close())
	zr, err = open(buf.Bytes(), Limits{MaxEntries: 1, MaxTotal: 100, MaxEntry: 100})
	require.NoError(t, err, "the directory looks innocent")
	_, err = ReadEntry(zr.File[0], 1<<30)
	assert.ErrorIs(t, err, ErrTooLarge, "inflating past the declared size is caught")
}
