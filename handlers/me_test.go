package handlers_test

import (
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/models"
)

func TestPasswordResetFlow(t *testing.T) {
	env := apitest.New(t)
	u := env.CreateUser("forgetful@example.eu", models.RoleStakeholder, false)
	other := env.CreateUser("someone@example.eu", models.RoleStakeholder, true)

	for _, email := range []string{"forgetful@example.eu", "nobody@example.eu"} {
		rec := env.Do(post("/api/v1/auth/password-reset", map[string]string{"email": email}))
		assert.Equal(t, http.StatusNoContent, rec.Code, "always 204")
	}
	var n int64
	env.DB.Model(&models.MailMessage{}).Where("to_address = ?", "nobody@example.eu").Count(&n)
	assert.Zero(t, n)
	_, token := env.LastMailTo(t, "forgetful@example.eu")
	require.NotEmpty(t, token)

	rec := env.Do(post("/api/v1/auth/password-reset/confirm", map[string]string{"token": token, "password": "short"}))
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	rec = env.Do(post("/api/v1/auth/password-reset/confirm", map[string]string{"token": token, "password": "a brand new passphrase 9"}))
	require.Equal(t, http.StatusNoContent, rec.Code, rec.Body.String())
	rec = env.Do(post("/api/v1/auth/password-reset/confirm", map[string]string{"token": token, "password": "yet another passphrase 10"}))
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code, "single use")

	assert.Equal(t, http.StatusUnauthorized, getMe(env, u.AccessToken), "every session ended")
	assert.Equal(t, http.StatusOK, getMe(env, other.AccessToken), "other accounts untouched")
	u.Password = "a brand new passphrase 9"
	env.Login(u)
	m, _ := env.LastMailTo(t, "forgetful@example.eu")
	assert.Equal(t, "Your password was changed", m.Subject)
}

func TestPasswordResetTokenExpires(t *testing.T) {
	env := apitest.New(t)
	env.CreateUser("late@example.eu", models.RoleStakeholder, true)
	require.Equal(t, http.StatusNoContent, env.Do(post("/api/v1/auth/password-reset", map[string]string{"email": "late@example.eu"})).Code)
	_, token := env.LastMailTo(t, "late@example.eu")
	env.Clock.Advance(models.PasswordResetTTL)
	rec := env.Do(post("/api/v1/auth/password-reset/confirm", map[string]string{"token": token, "password": "a brand new passphrase 9"}))
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code)
}

func TestChangePasswordEndsOtherSessions(t *testing.T) {
	env := apitest.New(t)
	u := env.CreateUser("changer@example.eu", models.RoleStakeholder, true)
	otherDevice := *u
	env.Login(&otherDevice)

	rec := env.As(u, apitest.Request{Method: http.MethodPost, Path: "/api/v1/me/password", Body: map[string]string{"current_password": "wrong one entirely", "new_password": "a brand new passphrase 9"}})
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	rec = env.As(u, apitest.Request{Method: http.MethodPost, Path: "/api/v1/me/password", Body: map[string]string{"current_password": apitest.TestPassword, "new_password": "a brand new passphrase 9"}})
	require.Equal(t, http.StatusNoContent, rec.Code, rec.Body.String())
	assert.Equal(t, http.StatusOK, getMe(env, u.AccessToken), "this session goes on")
	assert.Equal(t, http.StatusUnauthorized, getMe(env, otherDevice.AccessToken), "the other one ends")
}

// TestParallelPasswordChangesReplaceThePasswordOnce sends changes from one session at once, each
// with the right current password and its own new one: one replaces the password; the others find
// it replaced and are refused, so the password that works is the one the accepted change set.
func TestParallelPasswordChangesReplaceThePasswordOnce(t *testing.T) {
	env := apitest.New(t)
	u := env.CreateUser("racer@example.eu", models.RoleStakeholder, true)
	const changes = 4
	codes := make([]int, changes)
	var wg sync.WaitGroup
	for i := range changes {
		wg.Go(func() {
			codes[i] = env.As(u, apitest.Request{Method: http.MethodPost, Path: "/api/v1/me/password", Body: map[string]string{
				"current_password": apitest.TestPassword, "new_password": fmt.Sprintf("a brand new passphrase %d", i)}}).Code
		})
	}
	wg.Wait()
	won := slices.Index(codes, http.StatusNoContent)
	require.NotEqual(t, -1, won, "one change goes through: %v", codes)
	for i, code := range codes {
		if i != won {
			assert.Contains(t, []int{http.StatusUnprocessableEntity, http.StatusServiceUnavailable}, code, "only one change goes through: %v", codes)
		}
	}
	for i := range changes {
		rec := env.Do(post("/api/v1/auth/login", map[string]string{"email": u.Email, "password": fmt.Sprintf("a brand new passphrase %d", i)}))
		if i == won {
			assert.Equal(t, http.StatusOK, rec.Code, "the accepted change's password signs in")
		} else {
			assert.NotEqual(t, http.StatusOK, rec.Code, "a refused change's password does not")
		}
	}
}

func TestMyDataAndErasure(t *testing.T) {
	env := apitest.New(t)
	u := env.CreateUser("leaving@example.eu", models.RoleStakeholder, true)
	rec := env.As(u, apitest.Request{Method: http.MethodGet, Path: "/api/v1/me/data"})
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Header().Get("Content-Disposition"), "attachment")
	var data map[string]any
	apitest.DecodeJSON(t, rec, &data)
	assert.Equal(t, "leaving@example.eu", data["account"].(map[string]any)["email"])
	assert.NotEmpty(t, data["sessions"])
	assert.NotContains(t, rec.Body.String(), "argon2id", "the password hash is not personal data to hand out")

	rec = env.As(u, apitest.Request{Method: http.MethodDelete, Path: "/api/v1/me"})
	require.Equal(t, http.StatusNoContent, rec.Code)
	var n int64
	env.DB.Model(&models.User{}).Where("email = ?", "leaving@example.eu").Count(&n)
	assert.Zero(t, n)
	env.DB.Model(&models.Session{}).Where("user_id = ?", u.ID).Count(&n)
	assert.Zero(t, n)
	assert.Equal(t, http.StatusUnauthorized, getMe(env, u.AccessToken))
}

func TestAdminListsUsersAndChangesRolesWithAnAuditTrail(t *testing.T) {
	env := apitest.New(t)
	admin := env.CreateUser("root@example.eu", models.RoleAdmin, true)
	u := env.CreateUser("promote@example.eu", models.RoleStakeholder, true)
	env.CreateUser("mod@example.eu", models.RoleModerator, true)

	rec := env.As(admin, apitest.Request{Method: http.MethodGet, Path: "/api/v1/admin/users?role=moderator"})
	require.Equal(t, http.StatusOK, rec.Code)
	var list struct {
		Items []struct {
			Email string `json:"email"`
		} `json:"items"`
		NextCursor *string `json:"next_cursor"`
	}
	apitest.DecodeJSON(t, rec, &list)
	require.Len(t, list.Items, 1)
	assert.Equal(t, "mod@example.eu", list.Items[0].Email)
	assert.Nil(t, list.NextCursor)

	rec = env.As(admin, apitest.Request{Method: http.MethodGet, Path: "/api/v1/admin/users?limit=2"})
	apitest.DecodeJSON(t, rec, &list)
	require.Len(t, list.Items, 2)
	require.NotNil(t, list.NextCursor)
	rec = env.As(admin, apitest.Request{Method: http.MethodGet, Path: "/api/v1/admin/users?limit=2&cursor=" + *list.NextCursor})
	apitest.DecodeJSON(t, rec, &list)
	assert.Len(t, list.Items, 1)
	assert.Equal(t, http.StatusUnprocessableEntity, env.As(admin, apitest.Request{Method: http.MethodGet, Path: "/api/v1/admin/users?limit=500"}).Code)

	rec = env.As(admin, apitest.Request{Method: http.MethodPatch, Path: "/api/v1/admin/users/" + u.ID, Body: map[string]any{"role": "moderator"}})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Contains(t, rec.Body.String(), `"role":"moderator"`)
	var events []models.AuditEvent
	require.NoError(t, env.DB.Find(&events).Error)
	require.Len(t, events, 1)
	assert.Equal(t, "user.access_changed", events[0].Action)
	assert.Equal(t, admin.ID, *events[0].ActorID)
	assert.JSONEq(t, `{"role":"stakeholder","disabled":false}`, events[0].BeforeJSON)
	assert.JSONEq(t, `{"role":"moderator","disabled":false}`, events[0].AfterJSON)
	n, err := models.VerifyAudit(t.Context(), env.DB.DB)
	require.NoError(t, err)
	assert.Equal(t, int64(1), n)

	tests := []struct {
		path string
		body map[string]any
		want int
	}{
		{"/api/v1/admin/users/" + admin.ID, map[string]any{"disabled": true}, http.StatusConflict},
		{"/api/v1/admin/users/" + u.ID, map[string]any{"role": "emperor"}, http.StatusUnprocessableEntity},
		{"/api/v1/admin/users/" + u.ID, map[string]any{}, http.StatusUnprocessableEntity},
		{"/api/v1/admin/users/" + models.NewID(), map[string]any{"disabled": true}, http.StatusNotFound},
		{"/api/v1/admin/users/not-an-id", map[string]any{"disabled": true}, http.StatusNotFound},
		{"/api/v1/admin/users/" + u.ID, map[string]any{"email_verified": true}, http.StatusUnprocessableEntity},
	}
	for _, tc := range tests {
		rec := env.As(admin, apitest.Request{Method: http.MethodPatch, Path: tc.path, Body: tc.body})
		assert.Equal(t, tc.want, rec.Code, "%s %v: %s", tc.path, tc.body, rec.Body.String())
	}
}
