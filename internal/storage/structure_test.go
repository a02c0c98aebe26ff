package storage

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/internal/storage/storagetest"
	"consult/internal/zipsafe"
)

func TestDocumentsAreCheckedByStructure(t *testing.T) {
	pdf := storagetest.PDF()
	xrefAt := bytes.LastIndex(pdf, []byte("\nxref")) + 1
	replace := func(b []byte, old, new string) []byte {
		require.Contains(t, string(b), old)
		return bytes.Replace(b, []byte(old), []byte(new), 1)
	}
	docxWith := func(contentTypes, document string) []byte {
		return storagetest.Zip(storagetest.Entry{Name: "[Content_Types].xml", Body: contentTypes},
			storagetest.Entry{Name: "word/document.xml", Body: document})
	}
	odtWith := func(mimetype string, store bool, entries ...storagetest.Entry) []byte {
		return storagetest.Zip(append([]storagetest.Entry{{Name: "mimetype", Body: mimetype, Store: store}}, entries...)...)
	}
	manifest := storagetest.Entry{Name: "META-INF/manifest.xml", Body: storagetest.ODTManifest}
	content := storagetest.Entry{Name: "content.xml", Body: storagetest.ODTContent}

	tests := []struct {
		name    string
		content []byte
		want    Kind
	}{
		{"pdf with a cross-reference table", pdf, PDF},
		{"pdf with a cross-reference stream", storagetest.PDFWithXRefStream(), PDF},
		{"pdf cut before its cross-reference table", append(bytes.Clone(pdf[:xrefAt]), "startxref\n9\n%%EOF\n"...), Unknown},
		{"pdf header then junk", []byte("%PDF-1.7\n" + strings.Repeat("junk junk junk\n", 50)), Unknown},
		{"pdf header, junk and a fake end", []byte("%PDF-1.7\njunk\nstartxref\n12\n%%EOF\n"), Unknown},
		{"pdf without %%EOF", pdf[:bytes.LastIndex(pdf, []byte("%%EOF"))], Unknown},
		{"pdf with text after %%EOF", append(bytes.Clone(pdf), "<script>"...), Unknown},
		{"pdf with startxref outside the file", replace(bytes.Clone(pdf), "startxref\n", "startxref\n9"), Unknown},
		{"pdf whose startxref misses the table", replace(bytes.Clone(pdf), "xref\n0 6", "xrif\n0 6"), Unknown},
		{"pdf without a trailer", replace(bytes.Clone(pdf), "trailer", "trailor"), Unknown},
		{"pdf whose trailer has no root", replace(bytes.Clone(pdf), "/Root 1 0 R", "/Rot 1 0 R"), Unknown},
		{"pdf whose root is not a catalogue", replace(bytes.Clone(pdf), "/Type /Catalog", "/Type /Catalug"), Unknown},
		{"pdf whose root is free", replace(bytes.Clone(pdf), "/Root 1 0 R", "/Root 0 0 R"), Unknown},
		{"pdf truncated", pdf[:len(pdf)/2], Unknown},
		{"pdf version missing", replace(bytes.Clone(pdf), "%PDF-1.4", "%PDF-x.y"), Unknown},

		{"odt", storagetest.ODT(), ODT},
		{"odt without manifest", odtWith(storagetest.ODTMimetype, true, content), Unknown},
		{"odt without content", odtWith(storagetest.ODTMimetype, true, manifest), Unknown},
		{"odt whose content is not XML", odtWith(storagetest.ODTMimetype, true, manifest, storagetest.Entry{Name: "content.xml", Body: "<office:document-content><p></office:document-content>"}), Unknown},
		{"odt whose content is another element", odtWith(storagetest.ODTMimetype, true, manifest, storagetest.Entry{Name: "content.xml", Body: "<html/>"}), Unknown},
		{"odt with a compressed mimetype", odtWith(storagetest.ODTMimetype, false, manifest, content), Unknown},
		{"odt with a mimetype and a line feed", odtWith(storagetest.ODTMimetype+"\n", true, manifest, content), Unknown},

		{"docx", storagetest.DOCX(), DOCX},
		{"zip renamed .docx", storagetest.Zip(storagetest.Entry{Name: "notes.txt", Body: "hello"}), Unknown},
		{"docx without the main part declared", docxWith(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`, storagetest.DOCXDocument), Unknown},
		{"docx without word/document.xml", storagetest.Zip(storagetest.Entry{Name: "[Content_Types].xml", Body: storagetest.DOCXContentTypes}), Unknown},
		{"docx whose document is not XML", docxWith(storagetest.DOCXContentTypes, "<w:document><w:body></w:document>"), Unknown},
		{"docx whose content types are not XML", docxWith("<Types><Override", storagetest.DOCXDocument), Unknown},
		{"docx with two roots", docxWith(storagetest.DOCXContentTypes, "<w:document/><w:document/>"), Unknown},
		{"docx with a duplicated part", storagetest.Zip(storagetest.Entry{Name: "[Content_Types].xml", Body: storagetest.DOCXContentTypes},
			storagetest.Entry{Name: "word/document.xml", Body: storagetest.DOCXDocument}, storagetest.Entry{Name: "word/document.xml", Body: "<x/>"}), Unknown},
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

// bombDOCX is a DOCX whose word/document.xml inflates to size bytes; when lying, the zip
// directory says it is 1 KB.
func bombDOCX(t *testing.T, size int64, lying bool) []byte {
	var deflated bytes.Buffer
	fw, err := flate.NewWriter(&deflated, flate.BestSpeed)
	require.NoError(t, err)
	crc := crc32.NewIEEE()
	chunk := []byte(strings.Repeat("<w:p/>", 1<<14))
	head := []byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`)
	_, _ = fw.Write(head)
	crc.Write(head)
	n := int64(len(head))
	for n < size {
		_, _ = fw.Write(chunk)
		crc.Write(chunk)
		n += int64(len(chunk))
	}
	require.NoError(t, fw.Close())
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("[Content_Types].xml")
	require.NoError(t, err)
	_, _ = w.Write([]byte(storagetest.DOCXContentTypes))
	declared := uint64(n)
	if lying {
		declared = 1 << 10
	}
	w, err = zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(deflated.Len()), UncompressedSize64: declared})
	require.NoError(t, err)
	_, _ = w.Write(deflated.Bytes())
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func TestPackageBombsAreRefusedWithoutInflating(t *testing.T) {
	for name, b := range map[string][]byte{
		"declared 300 MB": bombDOCX(t, 300<<20, false),
		"lying, 64 MB":    bombDOCX(t, 64<<20, true),
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			kind, err := DetectBytes(b)
			assert.Equal(t, Unknown, kind)
			assert.ErrorIs(t, err, ErrUnsupportedType)
			assert.ErrorIs(t, err, zipsafe.ErrTooLarge)
			assert.Less(t, time.Since(start), 2*time.Second)
		})
	}
}

// FuzzDetectDocument checks that no input makes detection panic or accept a non-document.
func FuzzDetectDocument(f *testing.F) {
	for _, b := range [][]byte{storagetest.PDF(), storagetest.PDFWithXRefStream(), storagetest.ODT(), storagetest.DOCX()} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		kind, err := DetectBytes(b)
		if err == nil && kind == Unknown {
			t.Fatal("no error for an unknown kind")
		}
	})
}
