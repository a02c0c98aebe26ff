package models_test

import (
	"context"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"consult/internal/auth/password"
	"consult/internal/database"
	"consult/internal/testutil"
	"consult/models"
)

const (
	accountBaseURL  = "https://consult.example.eu"
	accountPassword = "purple elephants dance at noon"
)

var (
	accountNow = time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	// Parallel subtests queue for the hasher instead of being turned away: they are about accounts,
	// not the hashing budget, which has tests of its own.
	accountHasher      = password.NewHasher(password.WithBudget(password.NewBudget(runtime.GOMAXPROCS(0), 1024, time.Minute)))
	accountCredentials = models.Credentials{Email: "ada@example.eu", Password: accountPassword}
	accountClient      = models.Throttle{Key: "login:ip:test", Limit: models.Limit{Max: 100, Window: time.Hour}}
	accountProfile     = models.Profile{DisplayName: "Ada", StakeholderType: "eu_citizen", Country: "BE", Language: "en"}
)

// storeAccount stores a verified stakeholder account with accountPassword as its password.
func storeAccount(t *testing.T, db *database.DB, email string) *models.User {
	t.Helper()
	hash, err := accountHasher.Hash(context.Background(), accountPassword)
	require.NoError(t, err)
	u, err := models.CreateUser(context.Background(), db.DB, models.NewAccount{Email: email, PasswordHash: hash, Role: models.RoleStakeholder, Verified: true, Profile: accountProfile}, accountNow)
	require.NoError(t, err)
	return u
}

// accountMails lists the subjects of the mails queued for address, oldest first, and the token of the
// last mailed link, if any.
func accountMails(t *testing.T, db *database.DB, address string) (subjects []string, token string) {
	t.Helper()
	var mails []models.MailMessage
	require.NoError(t, db.Where("to_address = ?", address).Order("created_at, id").Find(&mails).Error)
	for _, m := range mails {
		subjects = append(subjects, m.Subject)
		if _, after, ok := strings.Cut(m.BodyText, "#token="); ok {
			token, _, _ = strings.Cut(after, "\n")
		}
	}
	return subjects, token
}

func accountFieldErrors(t *testing.T, err error) []string {
	t.Helper()
	var e *models.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, models.CodeValidationFailed, e.Code, e.Message)
	var fields []string
	for _, f := range e.Fields {
		fields = append(fields, f.Field)
	}
	return fields
}

func TestRegisterNamesEveryFaultBeforeAnyWrite(t *testing.T) {
	t.Parallel()
	db := testutil.NewDB(t)
	_, err := models.Register(context.Background(), db.DB, accountHasher, models.Registration{Email: "not an address", Password: "short",
		Profile: models.Profile{StakeholderType: "eu_citizen", Country: "xx"}}, accountBaseURL, accountNow)
	assert.Equal(t, []string{"email", "display_name", "country", "password"}, accountFieldErrors(t, err))
	var users, counters int64
	require.NoError(t, db.Model(&models.User{}).Count(&users).Error)
	require.NoError(t, db.Model(&models.RateCounter{}).Count(&counters).Error)
	assert.Zero(t, users)
	assert.Zero(t, counters, "an invalid registration counts no mail")
}

func TestRegisterRevealsNoAccountAndMailsSilentlyWithinTheLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		earlier int // registrations of the same address before this one
		want    []string
	}{
		{"a new address gets the link", 0, []string{"Confirm your email address"}},
		{"a known address's owner is told", 1, []string{"Confirm your email address", "Someone tried to register with your email address"}},
		{"past the limit nothing more is mailed", 3, []string{"Confirm your email address", "Someone tried to register with your email address", "Someone tried to register with your email address"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx, db := context.Background(), testutil.NewDB(t)
			in := models.Registration{Email: " Ada@Example.EU ", Password: accountPassword, Profile: accountProfile}
			var first *models.User
			for i := 0; i <= tc.earlier; i++ {
				u, err := models.Register(ctx, db.DB, accountHasher, in, accountBaseURL, accountNow)
				require.NoError(t, err)
				assert.Equal(t, "ada@example.eu", u.Email)
				assert.Equal(t, models.RoleStakeholder, u.Role)
				assert.False(t, u.EmailVerified)
				if first == nil {
					first = u
				} else {
					assert.NotEqual(t, first.ID, u.ID, "the answer names no existing account")
				}
			}
			var users int64
			require.NoError(t, db.Model(&models.User{}).Count(&users).Error)
			assert.EqualValues(t, 1, users)
			subjects, _ := accountMails(t, db, "ada@example.eu")
			assert.Equal(t, tc.want, subjects)
		})
	}
}

func TestOneTimeTokensWorkOnceForTheirPurpose(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name string
		use  func(db *database.DB, verify, reset string) error
		want []string // fields at fault; nil: success
	}{
		{"a verification link verifies", func(db *database.DB, verify, _ string) error {
			return models.VerifyEmail(ctx, db.DB, verify, accountNow)
		}, nil},
		{"a verification link works once", func(db *database.DB, verify, _ string) error {
			require.NoError(t, models.VerifyEmail(ctx, db.DB, verify, accountNow))
			return models.VerifyEmail(ctx, db.DB, verify, accountNow)
		}, []string{"token"}},
		{"a reset link does not verify", func(db *database.DB, _, reset string) error {
			return models.VerifyEmail(ctx, db.DB, reset, accountNow)
		}, []string{"token"}},
		{"an expired link is refused", func(db *database.DB, verify, _ string) error {
			return models.VerifyEmail(ctx, db.DB, verify, accountNow.Add(models.VerifyEmailTTL))
		}, []string{"token"}},
		{"a malformed token and a weak password are named together", func(db *database.DB, _, _ string) error {
			return models.ConfirmPasswordReset(ctx, db.DB, accountHasher, "x", "short", accountBaseURL, accountNow)
		}, []string{"token", "password"}},
		{"a new password holding the address is refused and the link still works", func(db *database.DB, _, reset string) error {
			err := models.ConfirmPasswordReset(ctx, db.DB, accountHasher, reset, "ada@example.eu is my password", accountBaseURL, accountNow)
			assert.Equal(t, []string{"password"}, accountFieldErrors(t, err))
			return models.ConfirmPasswordReset(ctx, db.DB, accountHasher, reset, accountPassword+" again", accountBaseURL, accountNow)
		}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			db := testutil.NewDB(t)
			_, err := models.Register(ctx, db.DB, accountHasher, models.Registration{Email: "ada@example.eu", Password: accountPassword, Profile: accountProfile}, accountBaseURL, accountNow)
			require.NoError(t, err)
			_, verify := accountMails(t, db, "ada@example.eu")
			require.NoError(t, models.RequestPasswordReset(ctx, db.DB, "ada@example.eu", accountBaseURL, accountNow))
			_, reset := accountMails(t, db, "ada@example.eu")
			require.NotEqual(t, verify, reset)
			err = tc.use(db, verify, reset)
			if tc.want != nil {
				assert.Equal(t, tc.want, accountFieldErrors(t, err))
				return
			}
			require.NoError(t, err)
			u, err := models.FindUserByEmail(ctx, db.DB, "ada@example.eu")
			require.NoError(t, err)
			assert.True(t, u.EmailVerified, "a spent link proves the address")
		})
	}
}

func TestRequestPasswordResetMailsOnlyEnabledAccountsWithinTheLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		disabled bool
		requests int
		want     int // reset mails
	}{
		{"an account gets a link", false, 1, 1},
		{"a disabled account gets none", true, 1, 0},
		{"past the limit nothing more is mailed", false, 4, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx, db := context.Background(), testutil.NewDB(t)
			u := storeAccount(t, db, "ada@example.eu")
			require.NoError(t, db.Model(u).Update("disabled", tc.disabled).Error)
			for range tc.requests {
				require.NoError(t, models.RequestPasswordReset(ctx, db.DB, "ADA@example.eu", accountBaseURL, accountNow))
			}
			require.NoError(t, models.RequestPasswordReset(ctx, db.DB, "nobody@example.eu", accountBaseURL, accountNow))
			subjects, _ := accountMails(t, db, "ada@example.eu")
			assert.Len(t, subjects, tc.want)
			none, _ := accountMails(t, db, "nobody@example.eu")
			assert.Empty(t, none, "an unknown address gets nothing")
		})
	}
}

func TestPasswordChangesEndSessions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name       string
		change     func(db *database.DB, u *models.User, keep string) error
		keepsFirst bool
	}{
		{"a change keeps the session it was made in", func(db *database.DB, u *models.User, keep string) error {
			return models.ChangePassword(ctx, db.DB, accountHasher, u, keep, models.PasswordChange{Current: accountPassword, New: accountPassword + " again"}, accountBaseURL, accountNow)
		}, true},
		{"a reset ends every session", func(db *database.DB, _ *models.User, _ string) error {
			require.NoError(t, models.RequestPasswordReset(ctx, db.DB, "ada@example.eu", accountBaseURL, accountNow))
			_, reset := accountMails(t, db, "ada@example.eu")
			return models.ConfirmPasswordReset(ctx, db.DB, accountHasher, reset, accountPassword+" again", accountBaseURL, accountNow)
		}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			db := testutil.NewDB(t)
			u := storeAccount(t, db, "ada@example.eu")
			_, first, _, err := models.SignIn(ctx, db.DB, accountHasher, accountCredentials, "first", accountClient, accountNow)
			require.NoError(t, err)
			_, second, _, err := models.SignIn(ctx, db.DB, accountHasher, accountCredentials, "second", accountClient, accountNow)
			require.NoError(t, err)
			require.NoError(t, tc.change(db, u, first.ID))

			_, err = models.ActiveUser(ctx, db.DB, first.ID, u.ID, accountNow)
			assert.Equal(t, tc.keepsFirst, err == nil, "the first session")
			_, err = models.ActiveUser(ctx, db.DB, second.ID, u.ID, accountNow)
			assert.Error(t, err, "the other session ends")
			stored, err := models.FindUserByEmail(ctx, db.DB, u.Email)
			require.NoError(t, err)
			assert.NoError(t, accountHasher.Verify(ctx, stored.PasswordHash, accountPassword+" again"))
			subjects, _ := accountMails(t, db, u.Email)
			assert.Equal(t, "Your password was changed", subjects[len(subjects)-1])
		})
	}
}

func TestChangePasswordNamesTheFault(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change models.PasswordChange
		want   string
	}{
		{"a wrong current password", models.PasswordChange{Current: "not the password", New: accountPassword + " again"}, "current_password"},
		{"a new password made of the profile", models.PasswordChange{Current: accountPassword, New: "ada@example.eu is my password"}, "new_password"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			db := testutil.NewDB(t)
			u := storeAccount(t, db, "ada@example.eu")
			err := models.ChangePassword(context.Background(), db.DB, accountHasher, u, "", tc.change, accountBaseURL, accountNow)
			assert.Equal(t, []string{tc.want}, accountFieldErrors(t, err))
			subjects, _ := accountMails(t, db, u.Email)
			assert.Empty(t, subjects)
		})
	}
}

func TestSignInAnswersEveryFailureAlikeAndCountsOnlyFailures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name     string
		failures int // wrong passwords tried first
		email    string
		password string
		disabled bool
		want     models.Code // "" for success
	}{
		{"the right password", 0, "ada@example.eu", accountPassword, false, ""},
		{"the right password after four failures", 4, " ADA@example.eu", accountPassword, false, ""},
		{"a wrong password", 0, "ada@example.eu", "not the password", false, models.CodeUnauthenticated},
		{"an unknown address", 0, "nobody@example.eu", accountPassword, false, models.CodeUnauthenticated},
		{"a disabled account", 0, "ada@example.eu", accountPassword, true, models.CodeUnauthenticated},
		{"the right password after five failures", 5, "ada@example.eu", accountPassword, false, models.CodeRateLimited},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			db := testutil.NewDB(t)
			u := storeAccount(t, db, "ada@example.eu")
			require.NoError(t, db.Model(u).Update("disabled", tc.disabled).Error)
			for range tc.failures {
				_, _, _, err := models.SignIn(ctx, db.DB, accountHasher, models.Credentials{Email: u.Email, Password: "wrong"}, "", accountClient, accountNow)
				require.Error(t, err)
			}
			got, s, refresh, err := models.SignIn(ctx, db.DB, accountHasher, models.Credentials{Email: tc.email, Password: tc.password}, "agent", accountClient, accountNow)
			if tc.want != "" {
				var e *models.Error
				require.ErrorAs(t, err, &e)
				assert.Equal(t, tc.want, e.Code)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, u.ID, got.ID)
			assert.NotEmpty(t, refresh)
			_, err = models.ActiveUser(ctx, db.DB, s.ID, u.ID, accountNow)
			assert.NoError(t, err, "the session is live")
		})
	}
}

// TestSignInPastTheLimitWritesNothing: once an account's window of failures is full, a further
// sign-in is refused after one read, with no statement that writes (and so no commit), and the
// count stays where it was.
func TestSignInPastTheLimitWritesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := testutil.NewDB(t)
	u := storeAccount(t, db, "ada@example.eu")
	for range 5 {
		_, _, _, err := models.SignIn(ctx, db.DB, accountHasher, models.Credentials{Email: u.Email, Password: "wrong"}, "", accountClient, accountNow)
		require.Equal(t, models.CodeUnauthenticated, codeOf(err))
	}
	var writes atomic.Int32
	count := func(*gorm.DB) { writes.Add(1) }
	cb := db.Callback()
	require.NoError(t, cb.Create().Before("*").Register("test:count-create", count))
	require.NoError(t, cb.Update().Before("*").Register("test:count-update", count))
	require.NoError(t, cb.Delete().Before("*").Register("test:count-delete", count))
	require.NoError(t, cb.Raw().Before("*").Register("test:count-raw", count))
	require.NoError(t, cb.Row().Before("*").Register("test:count-row", count))

	_, _, _, err := models.SignIn(ctx, db.DB, accountHasher, models.Credentials{Email: u.Email, Password: accountPassword}, "", accountClient, accountNow)
	assert.Equal(t, models.CodeRateLimited, codeOf(err))
	assert.Zero(t, writes.Load(), "refused by a read alone")
	var counted []int
	require.NoError(t, db.Model(&models.RateCounter{}).Where("key LIKE ?", "login:account:%").Pluck("count", &counted).Error)
	assert.Equal(t, []int{5}, counted)
}

func TestUpdateProfile(t *testing.T) {
	t.Parallel()
	str := func(s string) *string { return &s }
	tests := []struct {
		name   string
		change models.ProfileChange
		fields []string // at fault; nil: stored
		want   models.Profile
	}{
		{"given fields are trimmed, others kept", models.ProfileChange{DisplayName: str("  Ada L. "), Country: str("DE")},
			nil, models.Profile{DisplayName: "Ada L.", StakeholderType: "eu_citizen", Country: "DE", Language: "en"}},
		{"an empty change changes nothing", models.ProfileChange{}, nil, accountProfile},
		{"every fault is named and nothing is stored", models.ProfileChange{DisplayName: str(" "), Country: str("de"), Language: str("x")},
			[]string{"display_name", "country", "language"}, accountProfile},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx, db := context.Background(), testutil.NewDB(t)
			u := storeAccount(t, db, "ada@example.eu")
			err := models.UpdateProfile(ctx, db.DB, u, tc.change, accountNow.Add(time.Hour))
			if tc.fields != nil {
				assert.Equal(t, tc.fields, accountFieldErrors(t, err))
			} else {
				require.NoError(t, err)
				assert.Equal(t, tc.want.DisplayName, u.DisplayName, "the caller's copy holds the new accountProfile")
			}
			stored, err := models.FindUserByEmail(ctx, db.DB, u.Email)
			require.NoError(t, err)
			assert.Equal(t, tc.want, models.Profile{DisplayName: stored.DisplayName, Organisation: stored.Organisation, StakeholderType: stored.StakeholderType,
				Country: stored.Country, TransparencyRegisterID: stored.TransparencyRegisterID, Language: stored.Language})
		})
	}
}
