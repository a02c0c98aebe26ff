// Package storage keeps uploaded files (the official PDF of a draft, position papers) outside
// the database, behind the [Store] interface so that an object store can replace the
// [Folder] implementation, and identifies accepted document types by their content.
package storage

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
)

// Errors returned by [Store] implementations.
var (
	// ErrBadKey reports a key that is not a safe relative name.
	ErrBadKey = errors.New("storage: bad key")
	// ErrTooLarge reports an upload longer than the allowed maximum; nothing is stored.
	ErrTooLarge = errors.New("storage: file too large")
)

// Store keeps opaque files under caller-chosen keys.
type Store interface {
	// Put stores the content of r under key, replacing any previous content atomically. It
	// reads at most maxBytes (which must be positive) and fails with ErrTooLarge, storing
	// nothing, when r holds more. It returns the size and the hex SHA-256 of the content.
	Put(ctx context.Context, key string, r io.Reader, maxBytes int64) (size int64, sha256hex string, err error)
	// Open returns the content stored under key; for a missing key the error satisfies
	// errors.Is(err, fs.ErrNotExist).
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	// Delete removes key; deleting a missing key is not an error.
	Delete(ctx context.Context, key string) error
}

const (
	maxKeyLen     = 1024
	maxSegmentLen = 255
	tempPrefix    = ".tmp-"
)

// ValidKey reports whether key is acceptable: slash-separated segments of [A-Za-z0-9._-],
// none empty, none starting with '.' (so no "." or ".." and no clash with temporary files),
// no leading or trailing '/', at most 1024 bytes in all and 255 per segment.
func ValidKey(key string) bool {
	if key == "" || len(key) > maxKeyLen {
		return false
	}
	for seg := range strings.SplitSeq(key, "/") {
		if seg == "" || len(seg) > maxSegmentLen || seg[0] == '.' {
			return false
		}
		for i := 0; i < len(seg); i++ {
			if !keyByte(seg[i]) {
				return false
			}
		}
	}
	return true
}

func keyByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return c == '.' || c == '_' || c == '-'
}

// Folder is a [Store] that keeps each file under a directory tree on the local file system.
// Files are created 0600 and folders 0700. All access goes through an [os.Root], so symbolic
// links cannot lead outside the tree. A Folder is safe for concurrent use.
type Folder struct {
	root *os.Root
}

var _ Store = (*Folder)(nil)

// NewFolder opens (creating it 0700 if needed) the directory dir as a [Folder].
func NewFolder(dir string) (*Folder, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("storage: create folder: %w", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("storage: open folder: %w", err)
	}
	return &Folder{root: root}, nil
}

// Close releases the folder's directory handle.
func (f *Folder) Close() error { return f.root.Close() }

// Put implements [Store]: it writes to a temporary file in the key's folder, syncs it, renames
// it into place and syncs the folder.
func (f *Folder) Put(ctx context.Context, key string, r io.Reader, maxBytes int64) (int64, string, error) {
	if !ValidKey(key) {
		return 0, "", fmt.Errorf("%w: %q", ErrBadKey, key)
	}
	if maxBytes <= 0 {
		return 0, "", fmt.Errorf("storage: maxBytes must be positive, got %d", maxBytes)
	}
	if err := ctx.Err(); err != nil {
		return 0, "", err
	}
	dir := path.Dir(key)
	if err := f.root.MkdirAll(dir, 0o700); err != nil {
		return 0, "", fmt.Errorf("storage: create folder for %q: %w", key, err)
	}
	tmp := path.Join(dir, tempPrefix+rand.Text())
	file, err := f.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return 0, "", fmt.Errorf("storage: create temporary file: %w", err)
	}
	done := false
	defer func() {
		if !done {
			_ = file.Close()
			_ = f.root.Remove(tmp)
		}
	}()

	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(file, h), io.LimitReader(ctxReader{ctx, r}, maxBytes+1))
	if err != nil {
		return 0, "", fmt.Errorf("storage: write %q: %w", key, err)
	}
	if n > maxBytes {
		return 0, "", fmt.Errorf("%w: more than %d bytes", ErrTooLarge, maxBytes)
	}
	if err := file.Sync(); err != nil {
		return 0, "", fmt.Errorf("storage: sync %q: %w", key, err)
	}
	if err := file.Close(); err != nil {
		return 0, "", fmt.Errorf("storage: close %q: %w", key, err)
	}
	if err := f.root.Rename(tmp, key); err != nil {
		return 0, "", fmt.Errorf("storage: rename into %q: %w", key, err)
	}
	done = true
	if err := f.syncDir(dir); err != nil {
		return 0, "", fmt.Errorf("storage: sync folder of %q: %w", key, err)
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

func (f *Folder) syncDir(dir string) error {
	d, err := f.root.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// Open implements [Store]. Only regular files can be opened.
func (f *Folder) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	if !ValidKey(key) {
		return nil, fmt.Errorf("%w: %q", ErrBadKey, key)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	file, err := f.root.Open(key)
	if err != nil {
		return nil, fmt.Errorf("storage: open %q: %w", key, err)
	}
	if fi, err := file.Stat(); err != nil || !fi.Mode().IsRegular() {
		_ = file.Close()
		return nil, fmt.Errorf("storage: open %q: %w", key, fs.ErrNotExist)
	}
	return file, nil
}

// Delete implements [Store]. It refuses to remove anything but a regular file.
func (f *Folder) Delete(ctx context.Context, key string) error {
	if !ValidKey(key) {
		return fmt.Errorf("%w: %q", ErrBadKey, key)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	fi, err := f.root.Lstat(key)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("storage: delete %q: %w", key, err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%w: %q is not a file", ErrBadKey, key)
	}
	if err := f.root.Remove(key); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("storage: delete %q: %w", key, err)
	}
	return nil
}

// ctxReader stops reading once its context is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
