// Package zipsafe opens uploaded zip packages (XLSX, ODT, DOCX) with bounds on what they may
// inflate to. A zip bomb is refused from its central directory, before anything is inflated, and
// entries are read through limits that do not trust the sizes the directory declares.
package zipsafe

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// Errors of this package; every error returned wraps one of them.
var (
	// ErrMalformed reports an archive that is not a well-formed zip file.
	ErrMalformed = errors.New("zipsafe: not a well-formed zip archive")
	// ErrTooLarge reports an archive or entry that inflates, or says it inflates, beyond a bound.
	ErrTooLarge = errors.New("zipsafe: archive inflates beyond the allowed size")
)

// Limits bound an archive by its central directory.
type Limits struct {
	MaxEntries int   // entries listed in the directory
	MaxTotal   int64 // sum of the uncompressed sizes the directory declares
	MaxEntry   int64 // uncompressed size any one entry declares
}

const (
	eocdLen       = 22
	maxCommentLen = 0xFFFF
)

// Open reads the central directory of the zip archive of the given size in r and checks it
// against l: the entry count is read from the end record before archive/zip allocates the
// directory, zip64 archives and duplicate names are refused, and so are entries compressed
// other than stored or deflated. Nothing is inflated.
func Open(r io.ReaderAt, size int64, l Limits) (*zip.Reader, error) {
	if err := checkEntryCount(r, size, l.MaxEntries); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	seen := make(map[string]bool, len(zr.File))
	var total uint64
	for _, f := range zr.File {
		if seen[f.Name] {
			return nil, fmt.Errorf("%w: entry %q appears twice", ErrMalformed, f.Name)
		}
		seen[f.Name] = true
		if f.Method != zip.Store && f.Method != zip.Deflate {
			return nil, fmt.Errorf("%w: entry %q uses compression method %d", ErrMalformed, f.Name, f.Method)
		}
		if f.UncompressedSize64 > uint64(l.MaxEntry) { //nolint:gosec // G115: limits are positive constants
			return nil, fmt.Errorf("%w: entry %q inflates to %d bytes, more than %d", ErrTooLarge, f.Name, f.UncompressedSize64, l.MaxEntry)
		}
		if total += f.UncompressedSize64; total > uint64(l.MaxTotal) { //nolint:gosec // G115: as above
			return nil, fmt.Errorf("%w: the entries inflate to more than %d bytes", ErrTooLarge, l.MaxTotal)
		}
	}
	return zr, nil
}

// checkEntryCount reads the end-of-central-directory record and refuses zip64 archives and
// archives listing more than maxEntries entries.
func checkEntryCount(r io.ReaderAt, size int64, maxEntries int) error {
	if size < eocdLen {
		return fmt.Errorf("%w: too short", ErrMalformed)
	}
	n := min(size, eocdLen+maxCommentLen)
	tail := make([]byte, n)
	if _, err := r.ReadAt(tail, size-n); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	i := bytes.LastIndex(tail, []byte("PK\x05\x06"))
	if i < 0 || len(tail)-i < eocdLen {
		return fmt.Errorf("%w: no zip directory", ErrMalformed)
	}
	entries := binary.LittleEndian.Uint16(tail[i+10:])
	if entries == 0xFFFF || int(entries) > maxEntries {
		return fmt.Errorf("%w: too many entries", ErrMalformed)
	}
	return nil
}

// OpenEntry opens f for reading through a limit: reading fails with ErrTooLarge once more than
// max bytes came out, or once the entry inflates past the size the directory declared for it
// (archive/zip reports that as a format error), and with ErrMalformed on any other fault.
func OpenEntry(f *zip.File, max int64) (io.ReadCloser, error) {
	if f.UncompressedSize64 > uint64(max) { //nolint:gosec // G115: bounds are positive constants
		return nil, fmt.Errorf("%w: entry %q inflates to %d bytes, more than %d", ErrTooLarge, f.Name, f.UncompressedSize64, max)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: entry %q: %w", ErrMalformed, f.Name, err)
	}
	return &limited{rc: rc, f: f, left: max}, nil
}

// EachStartElement reads the XML part f through max bytes (see [OpenEntry]) and calls fn with
// every start element, without checking that the document is well formed; fn's error stops it.
func EachStartElement(f *zip.File, max int64, fn func(xml.StartElement) error) error {
	rc, err := OpenEntry(f, max)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok {
			if err := fn(se); err != nil {
				return err
			}
		}
	}
}

// ReadEntry returns the content of f, at most max bytes (see [OpenEntry]).
func ReadEntry(f *zip.File, max int64) ([]byte, error) {
	rc, err := OpenEntry(f, max)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// limited reads an entry and stops at its bound.
type limited struct {
	rc   io.ReadCloser
	f    *zip.File
	left int64 // bytes still allowed
}

func (l *limited) Read(p []byte) (int, error) {
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.rc.Read(p)
	if l.left -= int64(n); l.left < 0 {
		return 0, fmt.Errorf("%w: entry %q inflates to more than its bound", ErrTooLarge, l.f.Name)
	}
	switch {
	case err == nil, errors.Is(err, io.EOF):
		return n, err
	case errors.Is(err, zip.ErrFormat): // archive/zip's word for "more than the declared size"
		return 0, fmt.Errorf("%w: entry %q inflates past the size it declares", ErrTooLarge, l.f.Name)
	}
	return 0, fmt.Errorf("%w: entry %q: %w", ErrMalformed, l.f.Name, err)
}

func (l *limited) Close() error { return l.rc.Close() }
