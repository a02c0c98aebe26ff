package storage

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/internal/storage/storagetest"
)

type zipEntry struct {
	name, body string
	store      bool
}

func makeZip(t *testing.T, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		method := zip.Deflate
		if e.store {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: method})
		require.NoError(t, err)
		_, err = w.Write([]byte(e.body))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// minimalPDF is a genuine one-page PDF; the magic bytes alone are no longer enough.
var minimalPDF = string(storagetest.PDF())

func TestDetectDocument(t *testing.T) {
	odt := makeZip(t,
		zipEntry{"mimetype", odtMIME, true},
		zipEntry{"META-INF/manifest.xml", "<manifest/>", false},
		zipEntry{"content.xml", "<office:document-content/>", false},
	)
	docx := storagetest.DOCX()
	ods := makeZip(t,
		zipEntry{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", true},
		zipEntry{"content.xml", "<x/>", false},
	)
	xlsx := makeZip(t,
		zipEntry{"[Content_Types].xml", "<Types/>", false},
		zipEntry{"xl/workbook.xml", "<workbook/>", false},
	)
	plainZip := makeZip(t, zipEntry{"readme.txt", "hello", false})
	mimetypeNotFirst := makeZip(t,
		zipEntry{"content.xml", "<x/>", false},
		zipEntry{"mimetype", odtMIME, true},
	)
	hugeMimetype := makeZip(t, zipEntry{"mimetype", odtMIME + string(bytes.Repeat([]byte{' '}, 1<<20)) + "x", false})

	tests := []struct {
		name    string
		content []byte
		want    Kind
	}{
		{"pdf", []byte(minimalPDF), PDF},
		{"pdf uploaded as paper.docx", []byte(minimalPDF), PDF}, // the name is never consulted
		{"odt", odt, ODT},
		{"docx", docx, DOCX},
		{"empty", nil, Unknown},
		{"four bytes", []byte("%PDF"), Unknown},
		{"pdf signature not at start", append([]byte("junk"), minimalPDF...), Unknown},
		{"html renamed .pdf", []byte("<!DOCTYPE html><html><body>x</body></html>"), Unknown},
		{"elf", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00"), Unknown},
		{"exe", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), Unknown},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), Unknown},
		{"plain text", []byte("just a position paper in text"), Unknown},
		{"ods", ods, Unknown},
		{"xlsx", xlsx, Unknown},
		{"plain zip", plainZip, Unknown},
		{"mimetype not first", mimetypeNotFirst, Unknown},
		{"oversized mimetype entry", hugeMimetype, Unknown},
		{"truncated odt", odt[:len(odt)/2], Unknown},
		{"truncated docx", docx[:len(docx)-10], Unknown},
		{"zip local header only", []byte("PK\x03\x04\x14\x00\x00\x00"), Unknown},
		{"empty zip", makeZip(t), Unknown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DetectBytes(tc.content)
			assert.Equal(t, tc.want, got)
			if tc.want == Unknown {
				assert.ErrorIs(t, err, ErrUnsupportedType)
			} else {
				assert.NoError(t, err)
			}
		})
	}
}

func TestDetectTooManyEntries(t *testing.T) {
	entries := make([]zipEntry, 0, maxZipEntries+2)
	entries = append(entries, zipEntry{"[Content_Types].xml", storagetest.DOCXContentTypes, true}, zipEntry{"word/document.xml", storagetest.DOCXDocument, true})
	for i := range maxZipEntries {
		entries = append(entries, zipEntry{name: "word/media/" + strconv.Itoa(i), store: true})
	}
	_, err := DetectBytes(makeZip(t, entries...))
	assert.ErrorIs(t, err, ErrUnsupportedType)
}

// TestDetectLyingMimetypeSize builds an ODT whose "mimetype" entry claims to be small but
// inflates to a megabyte: detection must stop reading and refuse it.
func TestDetectLyingMimetypeSize(t *testing.T) {
	var deflated bytes.Buffer
	fw, err := flate.NewWriter(&deflated, flate.BestCompression)
	require.NoError(t, err)
	_, err = fw.Write([]byte(odtMIME + strings.Repeat(" ", 1<<20)))
	require.NoError(t, err)
	require.NoError(t, fw.Close())

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: "mimetype", Method: zip.Deflate,
		CompressedSize64: uint64(deflated.Len()), UncompressedSize64: uint64(len(odtMIME)),
	})
	require.NoError(t, err)
	_, err = w.Write(deflated.Bytes())
	require.NoError(t, err)
	require.NoError(t, zw.Close())

	kind, err := DetectBytes(buf.Bytes())
	assert.Equal(t, Unknown, kind)
	assert.ErrorIs(t, err, ErrUnsupportedType)
}

func TestKindMetadata(t *testing.T) {
	tests := []struct {
		k               Kind
		name, mime, ext string
	}{
		{PDF, "PDF", "application/pdf", ".pdf"},
		{ODT, "ODT", "application/vnd.oasis.opendocument.text", ".odt"},
		{DOCX, "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"},
		{Unknown, "unknown", "", ""},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.name, tc.k.String())
		assert.Equal(t, tc.mime, tc.k.MIME())
		assert.Equal(t, tc.ext, tc.k.Ext())
	}
}
