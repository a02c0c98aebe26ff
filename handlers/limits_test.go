package handlers_test

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/models"
)

// parallel sends n requests at once, the i-th made by req(i), and counts the answers by status.
func parallel(env *apitest.Env, n int, req func(i int) apitest.Request) map[int]int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	codes := map[int]int{}
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			rec := env.Do(req(i))
			mu.Lock()
			codes[rec.Code]++
			mu.Unlock()
		}()
	}
	close(start)
	wg.Wait()
	return codes
}

// clientAddr is a distinct public client address per i.
func clientAddr(i int) string { return "203.0.113." + itoa(i%250+1) + ":4000" }

func TestParallelWrongSignInsForOneAccountStopAtTheLimit(t *testing.T) {
	env := apitest.New(t)
	env.CreateUser("target@example.eu", models.RoleStakeholder, true)
	login := func(password, addr string) apitest.Request {
		return apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login", RemoteAddr: addr,
			Body: map[string]string{"email": "target@example.eu", "password": password}}
	}
	codes := parallel(env, 50, func(i int) apitest.Request { return login("wrong guess number "+itoa(i), clientAddr(i)) })
	assert.LessOrEqual(t, codes[http.StatusUnauthorized], 5, "%v", codes)
	assert.Equal(t, 50, codes[http.StatusUnauthorized]+codes[http.StatusTooManyRequests], "only 401 and 429: %v", codes)

	rec := env.Do(login(apitest.TestPassword, clientAddr(200)))
	assert.Equal(t, http.StatusTooManyRequests, rec.Code, "the right password waits too")
	assert.NotEmpty(t, rec.Header().Get("Retry-After"))
	env.Clock.Advance(15 * time.Minute)
	assert.Equal(t, http.StatusOK, env.Do(login(apitest.TestPassword, clientAddr(201))).Code, "the window has passed")
}

func TestRightSignInsDoNotLockTheOwnerOut(t *testing.T) {
	env := apitest.New(t)
	u := env.CreateUser("often@example.eu", models.RoleStakeholder, true)
	for range 12 {
		rec := env.Do(post("/api/v1/auth/login", map[string]string{"email": u.Email, "password": u.Password}))
		require.Equal(t, http.StatusOK, rec.Code, "successes give their slot back")
	}
	var counted int
	require.NoError(t, env.DB.Model(&models.RateCounter{}).Select("COALESCE(SUM(count), 0)").Where("key LIKE ?", "login:%").Scan(&counted).Error)
	assert.Zero(t, counted)
}

func TestParallelWrongSignInsFromOneClientStopAtTheLimit(t *testing.T) {
	env := apitest.New(t)
	codes := parallel(env, 50, func(i int) apitest.Request {
		return apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login", RemoteAddr: "192.0.2.50:1234",
			Body: map[string]string{"email": "user" + itoa(i) + "@example.eu", "password": "wrong password here"}}
	})
	assert.LessOrEqual(t, codes[http.StatusUnauthorized], 20, "%v", codes)
	assert.Equal(t, 50, codes[http.StatusUnauthorized]+codes[http.StatusTooManyRequests], "%v", codes)
}

func TestParallelWrongPasswordChangesStopAtTheLimit(t *testing.T) {
	env := apitest.New(t)
	u := env.CreateUser("changer@example.eu", models.RoleStakeholder, true)
	change := func(current string) apitest.Request {
		return apitest.Request{Method: http.MethodPost, Path: "/api/v1/me/password", Headers: map[string]string{"Authorization": "Bearer " + u.AccessToken},
			Body: map[string]string{"current_password": current, "new_password": "a brand new passphrase 99"}}
	}
	codes := parallel(env, 30, func(i int) apitest.Request { return change("wrong current " + itoa(i)) })
	assert.LessOrEqual(t, codes[http.StatusUnprocessableEntity], 5, "%v", codes)
	assert.Equal(t, 30, codes[http.StatusUnprocessableEntity]+codes[http.StatusTooManyRequests], "%v", codes)
	assert.Equal(t, http.StatusTooManyRequests, env.Do(change(apitest.TestPassword)).Code)
	env.Clock.Advance(15 * time.Minute)
	assert.Equal(t, http.StatusNoContent, env.Do(change(apitest.TestPassword)).Code)
}

func TestParallelAnonymousLimitsHold(t *testing.T) {
	env := apitest.New(t)
	one := "198.51.100.99:5000"
	tests := []struct {
		name   string
		n, max int
		ok     int
		req    func(i int) apitest.Request
	}{
		{"registrations per client", 20, 10, http.StatusCreated, func(i int) apitest.Request {
			return apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/register", RemoteAddr: one, Body: registration("reg" + itoa(i) + "@example.eu")}
		}},
		{"reset requests per client", 20, 10, http.StatusNoContent, func(i int) apitest.Request {
			return apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/password-reset", RemoteAddr: one, Body: map[string]string{"email": "r" + itoa(i) + "@example.eu"}}
		}},
		{"resends per client", 20, 10, http.StatusNoContent, func(i int) apitest.Request {
			return apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/verify-email/resend", RemoteAddr: one, Body: map[string]string{"email": "v" + itoa(i) + "@example.eu"}}
		}},
		{"mailed-token attempts per client", 40, 30, http.StatusUnprocessableEntity, func(i int) apitest.Request {
			return apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/verify-email", RemoteAddr: one, Body: map[string]string{"token": "not-a-token-" + itoa(i)}}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			codes := parallel(env, tc.n, tc.req)
			assert.LessOrEqual(t, codes[tc.ok], tc.max, "%v", codes)
			assert.Equal(t, tc.n, codes[tc.ok]+codes[http.StatusTooManyRequests], "%v", codes)
		})
		env.Clock.Advance(time.Hour) // the next case starts on fresh windows
	}
}

func TestParallelReportsStopAtTheLimit(t *testing.T) {
	f := newCommentFixture(t)
	reader := f.env.CreateUser("reader@example.eu", models.RoleStakeholder, false)
	var ids []string
	for range 40 {
		ids = append(ids, f.create(t, f.stake, nil))
	}
	require.NoError(t, f.env.DB.Model(&models.Comment{}).Where("id IN ?", ids).Update("status", models.CommentPublished).Error)
	codes := parallel(f.env, len(ids), func(i int) apitest.Request {
		return apitest.Request{Method: http.MethodPost, Path: "/api/v1/comments/" + ids[i] + "/reports",
			Headers: map[string]string{"Authorization": "Bearer " + reader.AccessToken}, Body: map[string]any{"reason": "spam"}}
	})
	assert.Equal(t, map[int]int{http.StatusCreated: models.ReportsPerAccount.Max, http.StatusTooManyRequests: len(ids) - models.ReportsPerAccount.Max}, codes)
	var filed int64
	require.NoError(t, f.env.DB.Model(&models.Report{}).Count(&filed).Error)
	assert.Equal(t, int64(models.ReportsPerAccount.Max), filed)
}
