package storage

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
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

// Limits of the zip inspection: a genuine document has a few dozen entries.
const (
	maxZipEntries = 10000
	eocdLen       = 22
	maxCommentLen = 0xFFFF
)

// DetectBytes is [DetectDocument] for content held in memory.
func DetectBytes(b []byte) (Kind, error) {
	return DetectDocument(bytes.NewReader(b), int64(len(b)))
}

// DetectDocument identifies the document of the given size readable through r: PDF by its
// "%PDF-" signature; ODT as a zip whose first entry is "mimetype" holding the ODF text media
// type; DOCX as a zip with "[Content_Types].xml" and "word/" entries. Anything else fails with
// ErrUnsupportedType. Only the zip central directory and at most a few bytes of the "mimetype"
// entry are read, and archives with implausibly many entries are refused, so zip bombs cost
// nothing.
func DetectDocument(r io.ReaderAt, size int64) (Kind, error) {
	head := make([]byte, 5)
	if size < int64(len(head)) {
		return Unknown, fmt.Errorf("%w: too short", ErrUnsupportedType)
	}
	if _, err := r.ReadAt(head, 0); err != nil {
		return Unknown, fmt.Errorf("%w: %w", ErrUnsupportedType, err)
	}
	switch {
	case string(head) == "%PDF-":
		return PDF, nil
	case string(head[:4]) == "PK\x03\x04":
		return detectZip(r, size)
	}
	return Unknown, ErrUnsupportedType
}

func detectZip(r io.ReaderAt, size int64) (Kind, error) {
	if err := checkZipEntries(r, size); err != nil {
		return Unknown, err
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return Unknown, fmt.Errorf("%w: %w", ErrUnsupportedType, err)
	}
	if len(zr.File) == 0 {
		return Unknown, fmt.Errorf("%w: empty zip", ErrUnsupportedType)
	}
	if first := zr.File[0]; first.Name == "mimetype" {
		if mt, err := readMimetype(first); err == nil && strings.TrimSpace(mt) == odtMIME {
			return ODT, nil
		}
		return Unknown, fmt.Errorf("%w: not an ODF text document", ErrUnsupportedType)
	}
	var types, word bool
	for _, zf := range zr.File {
		switch {
		case zf.Name == "[Content_Types].xml":
			types = true
		case strings.HasPrefix(zf.Name, "word/"):
			word = true
		}
	}
	if types && word {
		return DOCX, nil
	}
	return Unknown, fmt.Errorf("%w: zip archive is not a text document", ErrUnsupportedType)
}

// checkZipEntries reads the end-of-central-directory record and refuses zip64 archives and
// archives listing more than maxZipEntries, before archive/zip allocates the directory.
func checkZipEntries(r io.ReaderAt, size int64) error {
	n := min(size, eocdLen+maxCommentLen)
	tail := make([]byte, n)
	if _, err := r.ReadAt(tail, size-n); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: %w", ErrUnsupportedType, err)
	}
	i := bytes.LastIndex(tail, []byte("PK\x05\x06"))
	if i < 0 || len(tail)-i < eocdLen {
		return fmt.Errorf("%w: no zip directory", ErrUnsupportedType)
	}
	entries := binary.LittleEndian.Uint16(tail[i+10:])
	if entries == 0xFFFF || int(entries) > maxZipEntries {
		return fmt.Errorf("%w: too many zip entries", ErrUnsupportedType)
	}
	return nil
}

// maxMimetypeLen bounds what is read of an ODF "mimetype" entry.
const maxMimetypeLen = 128

// readMimetype returns the uncompressed content of zf, reading no more than maxMimetypeLen+1
// bytes and failing if there are more than maxMimetypeLen.
func readMimetype(zf *zip.File) (string, error) {
	if zf.UncompressedSize64 > maxMimetypeLen {
		return "", errors.New("entry too large")
	}
	rc, err := zf.Open()
	if err != nil {
		return "", err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxMimetypeLen+1))
	if err == nil && len(b) > maxMimetypeLen {
		err = errors.New("entry too large")
	}
	return string(b), err
}
