package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newFolder(t *testing.T) (*Folder, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "files")
	f, err := NewFolder(dir)
	require.NoError(t, err)
	t.Cleanup(func() { _ = f.Close() })
	return f, dir
}

// listFiles returns every file (not folder) under dir, relative to it.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	}))
	return out
}

func TestFolderRoundTrip(t *testing.T) {
	ctx := context.Background()
	f, dir := newFolder(t)
	content := []byte("%PDF-1.7 Σχέδιο σχήματος")
	sum := sha256.Sum256(content)

	size, hash, err := f.Put(ctx, "drafts/42/v1.pdf", bytes.NewReader(content), 1<<20)
	require.NoError(t, err)
	assert.Equal(t, int64(len(content)), size)
	assert.Equal(t, hex.EncodeToString(sum[:]), hash)

	rc, err := f.Open(ctx, "drafts/42/v1.pdf")
	require.NoError(t, err)
	got, err := io.ReadAll(rc)
	require.NoError(t, err)
	require.NoError(t, rc.Close())
	assert.Equal(t, content, got)

	fi, err := os.Stat(filepath.Join(dir, "drafts", "42", "v1.pdf"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
	for _, d := range []string{dir, filepath.Join(dir, "drafts"), filepath.Join(dir, "drafts", "42")} {
		fi, err := os.Stat(d)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o700), fi.Mode().Perm(), d)
	}

	// Replacing is atomic and leaves no temporary file behind.
	_, _, err = f.Put(ctx, "drafts/42/v1.pdf", strings.NewReader("new"), 1<<20)
	require.NoError(t, err)
	assert.Equal(t, []string{"drafts/42/v1.pdf"}, listFiles(t, dir))

	require.NoError(t, f.Delete(ctx, "drafts/42/v1.pdf"))
	_, err = f.Open(ctx, "drafts/42/v1.pdf")
	assert.ErrorIs(t, err, fs.ErrNotExist)
	assert.NoError(t, f.Delete(ctx, "drafts/42/v1.pdf"), "deleting a missing key")
}

func TestFolderSizeLimit(t *testing.T) {
	ctx := context.Background()
	f, dir := newFolder(t)

	size, _, err := f.Put(ctx, "exact", bytes.NewReader(make([]byte, 100)), 100)
	require.NoError(t, err)
	assert.Equal(t, int64(100), size)

	_, _, err = f.Put(ctx, "big/paper.pdf", bytes.NewReader(make([]byte, 101)), 100)
	require.ErrorIs(t, err, ErrTooLarge)
	_, err = f.Open(ctx, "big/paper.pdf")
	assert.ErrorIs(t, err, fs.ErrNotExist)
	assert.Equal(t, []string{"exact"}, listFiles(t, dir), "no partial or temporary file left")

	// An oversized upload does not clobber the previous content.
	_, _, err = f.Put(ctx, "exact", bytes.NewReader(make([]byte, 1000)), 100)
	require.ErrorIs(t, err, ErrTooLarge)
	fi, err := os.Stat(filepath.Join(dir, "exact"))
	require.NoError(t, err)
	assert.Equal(t, int64(100), fi.Size())

	_, _, err = f.Put(ctx, "zero", strings.NewReader(""), 0)
	assert.Error(t, err)
}

func TestFolderBadKeys(t *testing.T) {
	ctx := context.Background()
	f, dir := newFolder(t)
	for _, key := range []string{
		"", "/abs", "a//b", "a/", "..", "../x", "a/../b", "a/..", ".", "./a", ".hidden",
		".tmp-abc", "a/.tmp-x", `a\b`, "a b", "a%2fb", "ä.pdf", "a\x00b", "a:b", "~", "a?b",
		strings.Repeat("a", 256), strings.Repeat("a/", 600) + "a",
	} {
		t.Run(fmt.Sprintf("%q", key), func(t *testing.T) {
			assert.False(t, ValidKey(key))
			_, _, err := f.Put(ctx, key, strings.NewReader("x"), 10)
			assert.ErrorIs(t, err, ErrBadKey)
			_, err = f.Open(ctx, key)
			assert.ErrorIs(t, err, ErrBadKey)
			assert.ErrorIs(t, f.Delete(ctx, key), ErrBadKey)
		})
	}
	assert.Empty(t, listFiles(t, dir))
	for _, key := range []string{"a", "a.pdf", "drafts/1/v2.pdf", "A-b_c.9/x..y", strings.Repeat("a", 255)} {
		assert.True(t, ValidKey(key), key)
	}
}

func TestFolderMissingAndFolders(t *testing.T) {
	ctx := context.Background()
	f, _ := newFolder(t)
	_, err := f.Open(ctx, "nope.pdf")
	assert.ErrorIs(t, err, fs.ErrNotExist)

	_, _, err = f.Put(ctx, "d/file", strings.NewReader("x"), 10)
	require.NoError(t, err)
	_, err = f.Open(ctx, "d")
	assert.ErrorIs(t, err, fs.ErrNotExist, "a folder is not an object")
	assert.ErrorIs(t, f.Delete(ctx, "d"), ErrBadKey)
}

func TestFolderSymlinkEscape(t *testing.T) {
	ctx := context.Background()
	f, dir := newFolder(t)
	outside := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(outside, "secret"), []byte("s"), 0o600))
	require.NoError(t, os.Symlink(outside, filepath.Join(dir, "link")))
	_, err := f.Open(ctx, "link/secret")
	assert.Error(t, err)
	_, _, err = f.Put(ctx, "link/new", strings.NewReader("x"), 10)
	assert.Error(t, err)
	_, err = os.Stat(filepath.Join(outside, "new"))
	assert.ErrorIs(t, err, fs.ErrNotExist)
}

func TestFolderCancelled(t *testing.T) {
	f, dir := newFolder(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := f.Put(ctx, "x", strings.NewReader("x"), 10)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Empty(t, listFiles(t, dir))
}

func TestFolderConcurrentPuts(t *testing.T) {
	ctx := context.Background()
	f, dir := newFolder(t)
	const n = 32
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			key := fmt.Sprintf("papers/%d/p%d.pdf", i%4, i)
			_, _, errs[i] = f.Put(ctx, key, strings.NewReader(strings.Repeat("x", i+1)), 1<<10)
		})
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	assert.Len(t, listFiles(t, dir), n)
	for i := range n {
		rc, err := f.Open(ctx, fmt.Sprintf("papers/%d/p%d.pdf", i%4, i))
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		_ = rc.Close()
		assert.Len(t, b, i+1)
	}
}

// errReader fails after producing some bytes.
type errReader struct{ n int }

func (r *errReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, errors.New("connection reset")
	}
	r.n--
	p[0] = 'x'
	return 1, nil
}

func TestFolderReaderError(t *testing.T) {
	f, dir := newFolder(t)
	_, _, err := f.Put(context.Background(), "x", &errReader{n: 3}, 100)
	assert.ErrorContains(t, err, "connection reset")
	assert.Empty(t, listFiles(t, dir))
}
