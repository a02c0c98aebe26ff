package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/internal/auth/password"
	"consult/internal/demo"
	"consult/internal/testutil"
	"consult/models"
)

func TestDemoLoadsOnceWithAnOpenConsultation(t *testing.T) {
	db := testutil.NewDB(t)
	ctx := context.Background()
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	hasher := password.NewHasher()
	require.NoError(t, demo.Load(ctx, db.DB, hasher, "http://localhost:8080", now))
	assert.ErrorIs(t, demo.Load(ctx, db.DB, hasher, "http://localhost:8080", now), demo.ErrAlreadyLoaded)

	var consultations []models.Consultation
	require.NoError(t, db.Order("opens_at").Find(&consultations).Error)
	require.Len(t, consultations, 2)
	assert.Equal(t, models.StatusClosed, consultations[0].StatusAt(now))
	assert.Equal(t, models.StatusOpen, consultations[1].StatusAt(now))

	var clauses int64
	require.NoError(t, db.Model(&models.Clause{}).Count(&clauses).Error)
	assert.Greater(t, clauses, int64(30))

	for _, a := range demo.Accounts {
		u, err := models.FindUserByEmail(ctx, db.DB, a.Email)
		require.NoError(t, err)
		assert.Equal(t, a.Role, u.Role)
		require.NoError(t, hasher.Verify(ctx, u.PasswordHash, a.Password))
		assert.NoError(t, password.Check(a.Password, a.Email))
	}

	closed, open := consultations[0], consultations[1]
	require.NotNil(t, closed.ReportPublishedAt, "the closed consultation's report is published")
	assert.Nil(t, open.ReportPublishedAt)
	var comments []models.Comment
	require.NoError(t, db.Where("consultation_id = ?", closed.ID).Find(&comments).Error)
	assert.GreaterOrEqual(t, len(comments), 20)
	ids := make([]string, len(comments))
	for i, c := range comments {
		ids[i] = c.ID
	}
	dispositions, err := models.DispositionsOf(ctx, db.DB, ids)
	require.NoError(t, err)
	seen := map[string]map[string]bool{"status": {}, "publication": {}, "type": {}, "language": {}, "resolution": {}}
	authors, quoted, redacted := map[string]bool{}, 0, 0
	for _, c := range comments {
		seen["status"][c.Status] = true
		seen["publication"][c.Publication+"/"+c.Status] = true
		seen["type"][c.CommentType] = true
		seen["language"][c.Language] = true
		authors[*c.AuthorID] = true
		if c.QuoteExact != "" {
			quoted++
		}
		if c.Redacted() {
			redacted++
		}
		d, decided := dispositions[c.ID]
		assert.Equal(t, c.Status == models.CommentPublished, decided, "every published comment, and only those, has a disposition")
		if decided {
			seen["resolution"][d.Resolution] = true
			assert.NotEmpty(t, d.Response)
		}
	}
	assert.Equal(t, map[string]bool{models.CommentPublished: true, models.CommentRejected: true}, seen["status"])
	for _, want := range []string{"public_named/published", "public_anonymous/published", "confidential/published", "public_named/rejected"} {
		assert.True(t, seen["publication"][want], want)
	}
	assert.Len(t, seen["type"], len(models.CommentTypes))
	assert.Len(t, seen["resolution"], len(models.Resolutions))
	assert.Subset(t, keys(seen["language"]), []string{"en", "fr", "de"})
	assert.GreaterOrEqual(t, len(authors), 7)
	assert.GreaterOrEqual(t, quoted, 5)
	assert.Equal(t, 1, redacted)

	public, err := models.ConsultationSummary(ctx, db.DB, &closed, models.ScopePublic)
	require.NoError(t, err)
	assert.NotEmpty(t, public.ByResolution, "the public sees the resolutions of the published report")

	var openComments []models.Comment
	require.NoError(t, db.Where("consultation_id = ?", open.ID).Find(&openComments).Error)
	assert.GreaterOrEqual(t, len(openComments), 6)

	var events int64
	require.NoError(t, db.Model(&models.AuditEvent{}).Where("action = ?", "consultation.report_published").Count(&events).Error)
	assert.Equal(t, int64(1), events)
}

func TestDemoCommentersCannotSignInWithAKnownPassword(t *testing.T) {
	db := testutil.NewDB(t)
	ctx := context.Background()
	hasher := password.NewHasher()
	require.NoError(t, demo.Load(ctx, db.DB, hasher, "http://localhost:8080", time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)))
	known := map[string]bool{}
	for _, a := range demo.Accounts {
		known[a.Email] = true
	}
	var users []models.User
	require.NoError(t, db.Find(&users).Error)
	hashes := map[string]bool{}
	for _, u := range users {
		if !known[u.Email] {
			assert.Equal(t, models.RoleStakeholder, u.Role, u.Email)
			hashes[u.PasswordHash] = true
		}
	}
	require.Len(t, hashes, 1, "the commenters share one hash, made once")
	for hash := range hashes {
		for _, a := range demo.Accounts {
			assert.Error(t, hasher.Verify(ctx, hash, a.Password), "a commenter signs in with %s's password", a.Email)
		}
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
