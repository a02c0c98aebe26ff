package storage

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"consult/internal/zipsafe"
)

// ErrUnsupportedType reports content that is not one of the accepted document kinds.
var ErrUnsupportedType = errors.New("storage: unsupported file type")

// Kind is an accepted document type, identified by content, never by file name.
type Kind int

// Accepted document kinds.
const (
	Unknown Kind = iota
	PDF
	ODT
	DOCX
)

const odtMIME = "application/vnd.oasis.opendocument.text"

// MIME returns the media type of k, or "" for Unknown.
func (k Kind) MIME() string {
	switch k {
	case PDF:
		return "application/pdf"
	case ODT:
		return odtMIME
	case DOCX:
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	}
	return ""
}

// Ext returns the usual file extension of k, with its dot, or "" for Unknown.
func (k Kind) Ext() string {
	switch k {
	case PDF:
		return ".pdf"
	case ODT:
		return ".odt"
	case DOCX:
		return ".docx"
	}
	return ""
}

// String returns a short name for k.
func (k Kind) String() string {
	switch k {
	case PDF:
		return "PDF"
	case ODT:
		return "ODT"
	case DOCX:
		return "DOCX"
	}
	return "unknown"
}

// Bounds of the inspection. A genuine document has a few dozen zip entries; its text parts are
// inflated only through these limits, never trusting the sizes the zip directory declares.
const (
	maxZipEntries   = 10000
	maxDocument     = 64 << 20  // bytes of a document read to check it
	maxUnpacked     = 256 << 20 // all entries of a package, inflated (declared sizes)
	maxUnpackedPart = 128 << 20 // one entry, inflated (declared size)
	maxXMLPart      = 32 << 20  // a part that is parsed, inflated
	maxMimetypeLen  = 128       // an ODF "mimetype" entry
)

const (
	wordMainType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)

// DetectBytes is [DetectDocument] for content held in memory.
func DetectBytes(b []byte) (Kind, error) {
	return DetectDocument(bytes.NewReader(b), int64(len(b)))
}

// DetectDocument identifies the document of the given size readable through r by its
// structure, never its name, and fails with ErrUnsupportedType for anything else:
//   - PDF: see checkPDF (header, startxref, %%EOF, cross-reference sections, trailer, catalogue);
//   - ODT: a well-formed zip whose first entry is an uncompressed "mimetype" holding
//     application/vnd.oasis.opendocument.text, with META-INF/manifest.xml and content.xml that
//     parse as XML (a manifest and a document-content);
//   - DOCX: a well-formed zip whose [Content_Types].xml declares the WordprocessingML main
//     part, which parses as XML (a document).
//
// Zip packages are bounded by their directory (entries, declared sizes) before anything is
// inflated, and the parts parsed are read through limits, so zip bombs cost next to nothing.
func DetectDocument(r io.ReaderAt, size int64) (Kind, error) {
	head := make([]byte, 5)
	if size < int64(len(head)) {
		return Unknown, fmt.Errorf("%w: too short", ErrUnsupportedType)
	}
	if size > maxDocument {
		return Unknown, fmt.Errorf("%w: larger than %d bytes", ErrUnsupportedType, maxDocument)
	}
	if _, err := r.ReadAt(head, 0); err != nil {
		return Unknown, fmt.Errorf("%w: %w", ErrUnsupportedType, err)
	}
	switch {
	case string(head) == "%PDF-":
		b := make([]byte, size)
		if _, err := r.ReadAt(b, 0); err != nil && !errors.Is(err, io.EOF) {
			return Unknown, fmt.Errorf("%w: %w", ErrUnsupportedType, err)
		}
		if err := checkPDF(b); err != nil {
			return Unknown, err
		}
		return PDF, nil
	case string(head[:4]) == "PK\x03\x04":
		return detectZip(r, size)
	}
	return Unknown, ErrUnsupportedType
}

func detectZip(r io.ReaderAt, size int64) (Kind, error) {
	zr, err := zipsafe.Open(r, size, zipsafe.Limits{MaxEntries: maxZipEntries, MaxTotal: maxUnpacked, MaxEntry: maxUnpackedPart})
	if err != nil {
		return Unknown, fmt.Errorf("%w: %w", ErrUnsupportedType, err)
	}
	if len(zr.File) == 0 {
		return Unknown, fmt.Errorf("%w: empty zip", ErrUnsupportedType)
	}
	entries := make(map[string]*zip.File, len(zr.File))
	for _, zf := range zr.File {
		entries[zf.Name] = zf
	}
	if zr.File[0].Name == "mimetype" {
		if err := checkODT(zr.File[0], entries); err != nil {
			return Unknown, fmt.Errorf("%w: not an ODF text document: %w", ErrUnsupportedType, err)
		}
		return ODT, nil
	}
	if err := checkDOCX(entries); err != nil {
		return Unknown, fmt.Errorf("%w: not a Word document: %w", ErrUnsupportedType, err)
	}
	return DOCX, nil
}

// checkODT checks an ODF text package whose first entry is mimetype.
func checkODT(mimetype *zip.File, entries map[string]*zip.File) error {
	if mimetype.Method != zip.Store {
		return errors.New("the mimetype entry is compressed")
	}
	mt, err := zipsafe.ReadEntry(mimetype, maxMimetypeLen)
	if err != nil {
		return err
	}
	if string(mt) != odtMIME {
		return fmt.Errorf("mimetype %q", mt)
	}
	if err := checkXMLPart(entries, "META-INF/manifest.xml", "manifest", nil); err != nil {
		return err
	}
	return checkXMLPart(entries, "content.xml", "document-content", nil)
}

// checkDOCX checks an Office Open XML package for its WordprocessingML main part.
func checkDOCX(entries map[string]*zip.File) error {
	var main string
	err := checkXMLPart(entries, "[Content_Types].xml", "Types", func(se xml.StartElement) {
		if se.Name.Local == "Override" && attrValue(se, "ContentType") == wordMainType && main == "" {
			main = strings.TrimPrefix(attrValue(se, "PartName"), "/")
		}
	})
	if err != nil {
		return err
	}
	if main == "" {
		return errors.New("[Content_Types].xml declares no WordprocessingML main part")
	}
	return checkXMLPart(entries, main, "document", nil)
}

// checkXMLPart reads the entry called name through maxXMLPart and checks that it is one
// well-formed XML element named root (local name), calling each for every start element.
func checkXMLPart(entries map[string]*zip.File, name, root string, each func(xml.StartElement)) error {
	zf, ok := entries[name]
	if !ok {
		return fmt.Errorf("no %s", name)
	}
	rc, err := zipsafe.OpenEntry(zf, maxXMLPart)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				if roots++; roots > 1 || t.Name.Local != root {
					return fmt.Errorf("%s is not a %s", name, root)
				}
			}
			depth++
			if each != nil {
				each(t)
			}
		case xml.EndElement:
			depth--
		}
	}
	if roots != 1 {
		return fmt.Errorf("%s has no %s element", name, root)
	}
	return nil
}

func attrValue(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
