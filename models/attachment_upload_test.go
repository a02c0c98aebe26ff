package models_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/internal/storage"
	"consult/internal/storage/storagetest"
	"consult/models"
)

// TestAttachFileChecksTheContentAndTheOwnerAndLeavesNoStrayFile: a refused upload leaves neither a
// row nor a file, whether it was refused before the file was written or after.
func TestAttachFileChecksTheContentAndTheOwnerAndLeavesNoStrayFile(t *testing.T) {
	t.Parallel()
	w := newContentWorld(t)
	dir := t.TempDir()
	files, err := storage.NewFolder(dir)
	require.NoError(t, err)
	t.Cleanup(func() { _ = files.Close() })

	open := w.consultation(t, -time.Hour, time.Hour)
	closed := w.consultation(t, -2*time.Hour, -time.Hour)
	comment := func(con *models.Consultation, author *models.User, tracking string) string {
		c := &models.Comment{ID: models.NewID(), ConsultationID: con.ID, AuthorID: &author.ID, CommentType: "general", Body: "b",
			Publication: models.PublicNamed, Language: "en", Status: models.CommentSubmitted, TrackingNumber: tracking, Version: 1, CreatedAt: w.now, UpdatedAt: w.now}
		require.NoError(t, w.db.Create(c).Error)
		return c.ID
	}
	mine := comment(open, w.stake, "AAAA-AAAA")
	late := comment(closed, w.stake, "BBBB-BBBB")
	pdf, docx := storagetest.PDF(), storagetest.DOCX()

	tests := []struct {
		name    string
		actor   *models.User
		owner   string
		ownerID string
		content []byte
		size    int64 // 0: the content's
		code    models.Code
	}{
		{"a PDF on a draft", w.mod, models.OwnerDocument, w.doc.ID, pdf, 0, ""},
		{"a DOCX on a draft", w.mod, models.OwnerDocument, w.doc.ID, docx, 0, models.CodeUnsupportedMediaType},
		{"junk named nothing", w.mod, models.OwnerDocument, w.doc.ID, []byte("%PDF-1.7\nnot really"), 0, models.CodeUnsupportedMediaType},
		{"announced too large", w.mod, models.OwnerDocument, w.doc.ID, pdf, models.MaxAttachmentBytes + 1, models.CodePayloadTooLarge},
		{"an unknown draft", w.mod, models.OwnerDocument, models.NewID(), pdf, 0, models.CodeNotFound},
		{"not an id", w.mod, models.OwnerDocument, "../x", pdf, 0, models.CodeNotFound},
		{"a DOCX on my comment", w.stake, models.OwnerComment, mine, docx, 0, ""},
		{"on another's comment", w.mod, models.OwnerComment, mine, pdf, 0, models.CodeNotFound},
		{"from the command line on a comment", nil, models.OwnerComment, mine, pdf, 0, models.CodeNotFound},
		{"on a comment whose window has closed", w.stake, models.OwnerComment, late, pdf, 0, models.CodeConsultationNotOpen},
		{"an unknown owner type", w.mod, "scheme", w.scheme.ID, pdf, 0, models.CodeNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var rowsBefore int64
			require.NoError(t, w.db.Model(&models.Attachment{}).Count(&rowsBefore).Error)
			filesBefore := storedFiles(t, dir)
			size := tc.size
			if size == 0 {
				size = int64(len(tc.content))
			}
			a, err := models.AttachFile(w.ctx, w.db, files, tc.actor, models.NewAttachment{OwnerType: tc.owner, OwnerID: tc.ownerID,
				FileName: "paper\u202Efdp.exe", Size: size, Content: bytes.NewReader(tc.content)}, w.now)
			var rows int64
			require.NoError(t, w.db.Model(&models.Attachment{}).Count(&rows).Error)
			if tc.code != "" {
				assert.Equal(t, tc.code, contentCode(err), "%v", err)
				assert.Equal(t, rowsBefore, rows, "no row")
				assert.Equal(t, filesBefore, storedFiles(t, dir), "no stray file")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, rowsBefore+1, rows)
			assert.Equal(t, filesBefore+1, storedFiles(t, dir))
			assert.Equal(t, int64(len(tc.content)), a.SizeBytes)
			assert.Equal(t, tc.actor.ID, *a.UploadedBy)
			assert.NotContains(t, a.FileName, "\u202E")
		})
	}

	events := w.events(t, "document.attachment_added")
	require.Len(t, events, 1, "a draft's file is a staff action; a position paper is not")
	assert.Equal(t, w.doc.ID, events[0].SubjectID)
	var after map[string]any
	require.NoError(t, json.Unmarshal([]byte(events[0].AfterJSON), &after))
	for _, key := range []string{"id", "file_name", "content_type", "size_bytes", "sha256", "url", "created_at"} {
		assert.Contains(t, after, key)
	}
	assert.Equal(t, "application/pdf", after["content_type"])
}

// storedFiles counts the files in the store's folder.
func storedFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	require.NoError(t, filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			n++
		}
		return err
	}))
	return n
}
