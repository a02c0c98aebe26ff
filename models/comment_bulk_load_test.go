package models_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/internal/testutil"
	"consult/models"
)

func TestLoadCommentsStoresAllOrNothing(t *testing.T) {
	db := testutil.NewDB(t)
	ctx := context.Background()
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	mod, err := models.CreateUser(ctx, db.DB, models.NewAccount{Email: "mod@example.eu", Role: models.RoleModerator, Verified: true,
		Profile: models.Profile{DisplayName: "Mod", StakeholderType: "public_authority", Country: "BE", Language: "en"}}, now)
	require.NoError(t, err)
	scheme, err := models.CreateScheme(ctx, db.DB, mod, models.NewScheme{Slug: "load", Title: "Load"}, now)
	require.NoError(t, err)
	doc, err := models.ImportDocument(ctx, db.DB, mod, scheme, models.NewDocument{VersionLabel: "1", Markdown: []byte("# Draft\n\n## 1 Scope\nText.\n")}, now)
	require.NoError(t, err)
	// Closed already: a bulk load does not need the window open.
	con, err := models.CreateConsultation(ctx, db.DB, mod, models.NewConsultation{DocumentID: doc.ID, Title: "Load", OpensAt: now, ClosesAt: now.Add(time.Hour)}, now)
	require.NoError(t, err)
	redacted := "[personal data removed]"
	row := func(status string, body string) models.LoadedComment {
		return models.LoadedComment{Author: mod, At: now.Add(2 * time.Hour), Status: status, RedactedBody: &redacted,
			In: models.NewComment{CommentType: "general", Body: body, Publication: models.PublicNamed}}
	}

	err = models.LoadComments(ctx, db.DB, mod, con, []models.LoadedComment{row(models.CommentPublished, "Fine."), row("lost", "Fine."), row(models.CommentSubmitted, "")})
	assert.Equal(t, models.CodeValidationFailed, codeOf(err))
	var n int64
	require.NoError(t, db.Model(&models.Comment{}).Count(&n).Error)
	assert.Zero(t, n, "nothing is stored when a row is invalid")

	require.NoError(t, models.LoadComments(ctx, db.DB, mod, con, []models.LoadedComment{row(models.CommentPublished, "Published."), row(models.CommentSubmitted, "Waiting.")}))
	var stored []models.Comment
	require.NoError(t, db.Order("body").Find(&stored).Error)
	require.Len(t, stored, 2)
	published, waiting := stored[0], stored[1]
	assert.Equal(t, models.CommentPublished, published.Status)
	assert.Equal(t, &redacted, published.RedactedBody)
	assert.Equal(t, &mod.ID, published.ModeratedBy)
	assert.Equal(t, 2, published.Version)
	assert.Equal(t, models.CommentSubmitted, waiting.Status)
	assert.Nil(t, waiting.RedactedBody, "only a published comment is redacted")
	assert.Nil(t, waiting.ModeratedBy)
	for _, c := range stored {
		assert.Regexp(t, `^LOAD-2027-[0-9A-Z]{4}-[0-9A-Z]{4}$`, c.TrackingNumber)
		assert.NotEmpty(t, c.Signature)
		assert.Equal(t, "en", c.Language, "the author's language")
	}
}
