// Package storagetest builds small but genuine documents (PDF, ODT, DOCX) for tests of uploads.
package storagetest

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
)

// pdfObjects are the objects of a one-page PDF: catalogue, page tree, page, content, font.
var pdfObjects = []string{
	"<< /Type /Catalog /Pages 2 0 R >>",
	"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
	"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
	"<< /Length 45 >>\nstream\nBT /F1 12 Tf 72 770 Td (Position paper) Tj ET\nendstream",
	"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
}

// PDF returns a one-page PDF 1.4 with a cross-reference table and a trailer.
func PDF() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := writeObjects(&b, pdfObjects)
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

// PDFWithXRefStream returns the same page as a PDF 1.5 whose cross-reference section is a
// compressed stream with a PNG "Up" predictor, as current office suites write it.
func PDFWithXRefStream() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
	offsets := writeObjects(&b, pdfObjects)
	xrefNum := len(offsets) + 1
	offsets = append(offsets, b.Len())
	// Rows of type (1 byte), offset (4 bytes), generation (2 bytes), each PNG-filtered "Up".
	const width = 7
	rows := [][]byte{{0, 0, 0, 0, 0, 0xff, 0xff}}
	for _, off := range offsets {
		row := make([]byte, width)
		row[0] = 1
		binary.BigEndian.PutUint32(row[1:5], uint32(off))
		rows = append(rows, row)
	}
	var raw bytes.Buffer
	prev := make([]byte, width)
	for _, row := range rows {
		raw.WriteByte(2)
		for i, c := range row {
			raw.WriteByte(c - prev[i])
		}
		prev = row
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	_, _ = zw.Write(raw.Bytes())
	_ = zw.Close()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Columns %d /Predictor 12 >> /Length %d >>\nstream\n",
		xrefNum, xrefNum+1, width, z.Len())
	b.Write(z.Bytes())
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", offsets[len(offsets)-1])
	return b.Bytes()
}

func writeObjects(b *bytes.Buffer, objects []string) []int {
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	return offsets
}

// Entry is one file of a zip package; Store keeps it uncompressed.
type Entry struct {
	Name, Body string
	Store      bool
}

// Zip packs entries, in order.
func Zip(entries ...Entry) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		method := zip.Deflate
		if e.Store {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.Name, Method: method})
		if err == nil {
			_, err = io.WriteString(w, e.Body)
		}
		if err != nil {
			panic(err)
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// ODT parts.
const (
	ODTMimetype = "application/vnd.oasis.opendocument.text"
	ODTManifest = `<?xml version="1.0" encoding="UTF-8"?>` +
		`<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">` +
		`<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>` +
		`<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>` +
		`</manifest:manifest>`
	ODTContent = `<?xml version="1.0" encoding="UTF-8"?>` +
		`<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
		`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">` +
		`<office:body><office:text><text:p>Position paper</text:p></office:text></office:body></office:document-content>`
)

// ODT returns a minimal OpenDocument text.
func ODT() []byte {
	return Zip(Entry{"mimetype", ODTMimetype, true}, Entry{"META-INF/manifest.xml", ODTManifest, false},
		Entry{"content.xml", ODTContent, false})
}

// DOCX parts.
const (
	DOCXContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`</Types>`
	DOCXRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
		`</Relationships>`
	DOCXDocument = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:body><w:p><w:r><w:t>Position paper</w:t></w:r></w:p></w:body></w:document>`
)

// DOCX returns a minimal Word document.
func DOCX() []byte {
	return Zip(Entry{"[Content_Types].xml", DOCXContentTypes, false}, Entry{"_rels/.rels", DOCXRels, false},
		Entry{"word/document.xml", DOCXDocument, false})
}
