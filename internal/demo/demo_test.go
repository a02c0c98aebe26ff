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
	require.NoError(t, demo.Load(ctx, db.DB, hasher, now))
	assert.ErrorIs(t, demo.Load(ctx, db.DB, hasher, now), demo.ErrAlreadyLoaded)

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
}
