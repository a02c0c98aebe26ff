package models_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/internal/testutil"
	"consult/models"
)

// TestTrackingNumberTakenIsDrawnAgain forces the random code to repeat one already given in the
// consultation: the new comment is stored with a fresh number, never refused or given a duplicate.
func TestTrackingNumberTakenIsDrawnAgain(t *testing.T) {
	db := testutil.NewDB(t)
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	scheme := &models.Scheme{ID: models.NewID(), Slug: "eucc-consumer-iot-devices", Title: "S", CreatedAt: now, UpdatedAt: now}
	doc := &models.Document{ID: models.NewID(), SchemeID: scheme.ID, Title: "D", VersionLabel: "1.0", CreatedAt: now}
	con := &models.Consultation{ID: models.NewID(), DocumentID: doc.ID, Title: "C", OpensAt: now, ClosesAt: now.Add(time.Hour), Version: 1, CreatedAt: now, UpdatedAt: now}
	require.NoError(t, db.Create(scheme).Error)
	require.NoError(t, db.Create(doc).Error)
	require.NoError(t, db.Create(con).Error)

	// The first comment takes AAAA-AAAA; of the batch, one draws it again and must draw anew.
	codes := []string{"AAAA-AAAA", "AAAA-AAAA", "CCCC-CCCC", "BBBB-BBBB"}
	t.Cleanup(models.SetRandomTrackingCode(func() string {
		c := codes[0]
		codes = codes[1:]
		return c
	}))
	author := &models.User{ID: models.NewID(), Email: "a@example.eu"}
	first := models.NewCommentRow(con, author, models.NewComment{CommentType: "general", Body: "first", Publication: models.PublicNamed}, now)
	first.AuthorID = nil
	require.NoError(t, models.InsertWithTrackingNumbers(db.DB, con, []*models.Comment{first}))
	assert.Equal(t, "EUCC-CONSUME-2027-AAAA-AAAA", first.TrackingNumber)

	batch := []*models.Comment{
		models.NewCommentRow(con, author, models.NewComment{CommentType: "general", Body: "second", Publication: models.PublicNamed}, now),
		models.NewCommentRow(con, author, models.NewComment{CommentType: "general", Body: "third", Publication: models.PublicNamed}, now),
	}
	for _, c := range batch {
		c.AuthorID = nil
	}
	require.NoError(t, models.InsertWithTrackingNumbers(db.DB, con, batch))
	var numbers []string
	require.NoError(t, db.Model(&models.Comment{}).Order("tracking_number").Pluck("tracking_number", &numbers).Error)
	assert.Equal(t, []string{"EUCC-CONSUME-2027-AAAA-AAAA", "EUCC-CONSUME-2027-BBBB-BBBB", "EUCC-CONSUME-2027-CCCC-CCCC"}, numbers)
	assert.Empty(t, codes)
}

func TestRandomTrackingCodeUsesTheReadableAlphabet(t *testing.T) {
	for range 1000 {
		assert.Regexp(t, `^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$`, models.RandomTrackingCode())
	}
}

// TestSubmittedCommentDrawsATakenTrackingNumberAgain forces a submission's first tracking number to
// be one given already: the comment is stored once, under a fresh number, with one receipt whose
// text names that number.
func TestSubmittedCommentDrawsATakenTrackingNumberAgain(t *testing.T) {
	w := newCommentWorld(t)
	codes := []string{"AAAA-AAAA", "AAAA-AAAA", "BBBB-BBBB"}
	t.Cleanup(models.SetRandomTrackingCode(func() string {
		c := codes[0]
		codes = codes[1:]
		return c
	}))
	first, _, err := w.submit(w.author, "first", "k1", w.now)
	require.NoError(t, err)
	second, _, err := w.submit(w.author, "second", "k2", w.now)
	require.NoError(t, err)
	assert.Equal(t, "IOT-2027-AAAA-AAAA", first.TrackingNumber)
	assert.Equal(t, "IOT-2027-BBBB-BBBB", second.TrackingNumber)
	assert.Empty(t, codes)
	assert.EqualValues(t, 2, w.count(t, "comments"))
	var receipts []string
	require.NoError(t, w.db.Model(&models.MailMessage{}).Order("body_text").Pluck("body_text", &receipts).Error)
	require.Len(t, receipts, 2)
	assert.Contains(t, receipts[0]+receipts[1], second.TrackingNumber)
}
