package benchdata_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/internal/auth/password"
	"consult/internal/benchdata"
	"consult/internal/neardup"
	"consult/internal/testutil"
	"consult/models"
)

func TestGenerateFillsOneConsultationInTheMixOfACampaign(t *testing.T) {
	db := testutil.NewDB(t)
	ctx := context.Background()
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	hasher := password.NewHasher()
	opts := benchdata.Options{Comments: 2500, Stakeholders: 40, Password: "bench-password-for-the-test", Seed: 7, Grouping: neardup.DefaultConfig()}
	res, err := benchdata.Generate(ctx, db.DB, hasher, opts, now)
	require.NoError(t, err)
	_, err = benchdata.Generate(ctx, db.DB, hasher, opts, now)
	assert.ErrorIs(t, err, benchdata.ErrAlreadyLoaded)

	assert.Len(t, res.Stakeholders, 40)
	assert.Greater(t, len(res.ClauseIDs), 20)
	con, err := models.FindConsultation(ctx, db.DB, res.ConsultationID)
	require.NoError(t, err)
	assert.Equal(t, models.StatusOpen, con.StatusAt(now), "submissions go on during the load")
	u, err := models.FindUserByEmail(ctx, db.DB, res.Stakeholders[3])
	require.NoError(t, err)
	require.NoError(t, hasher.Verify(ctx, u.PasswordHash, opts.Password), "the load signs in with the generator's password")

	var comments []models.Comment
	require.NoError(t, db.Where("consultation_id = ?", res.ConsultationID).Find(&comments).Error)
	require.Len(t, comments, opts.Comments)
	statuses, choices, tracking := map[string]int{}, map[string]int{}, map[string]bool{}
	index, err := neardup.NewIndex(neardup.DefaultConfig())
	require.NoError(t, err)
	for _, c := range comments {
		statuses[c.Status]++
		choices[c.Publication]++
		tracking[c.TrackingNumber] = true
		sig, err := neardup.ParseSignature(c.Signature)
		require.NoError(t, err, "every comment carries its near-duplicate signature")
		index.Add(c.ID, sig)
	}
	assert.Len(t, tracking, opts.Comments, "every comment has its own tracking number")
	assert.Equal(t, res.Published, statuses[models.CommentPublished])
	assert.Greater(t, statuses[models.CommentPublished], opts.Comments*3/4, "most comments are published")
	for _, s := range []string{models.CommentSubmitted, models.CommentRejected, models.CommentWithdrawn} {
		assert.Positive(t, statuses[s], s)
	}
	for _, p := range []string{models.PublicNamed, models.PublicAnonymous, models.Confidential} {
		assert.Positive(t, choices[p], p)
	}
	big := 0
	for _, cl := range index.Clusters() {
		if cl.Size >= 50 {
			big++
		}
	}
	assert.GreaterOrEqual(t, big, 4, "the campaigns form large clusters of near-duplicates")
}
