package apitest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"consult/models"
)

// User is an account made for a test, with its password and a signed-in access token.
type User struct {
	*models.User
	Password     string
	AccessToken  string
	RefreshToken string
}

// TestPassword is the password of every account made by CreateUser.
const TestPassword = "a long test passphrase 42"

// CreateUser stores an account directly (verified or not) and signs it in through the API.
func (env *Env) CreateUser(email string, role models.Role, verified bool) *User {
	env.T.Helper()
	hash, err := env.Hasher.Hash(context.Background(), TestPassword)
	if err != nil {
		env.T.Fatalf("hash: %v", err)
	}
	u, err := models.CreateUser(context.Background(), env.DB.DB, models.NewAccount{
		Email: email, PasswordHash: hash, Role: role, Verified: verified,
		Profile: models.Profile{DisplayName: "Test " + string(role), Organisation: "Test Org", StakeholderType: "company", Country: "BE"},
	}, env.Clock.Now())
	if err != nil {
		env.T.Fatalf("create user: %v", err)
	}
	tu := &User{User: u, Password: TestPassword}
	env.Login(tu)
	return tu
}

// Login signs the user in and keeps its tokens.
func (env *Env) Login(u *User) {
	env.T.Helper()
	rec := env.Do(Request{Method: http.MethodPost, Path: "/api/v1/auth/login", Body: map[string]string{"email": u.Email, "password": u.Password}})
	if rec.Code != http.StatusOK {
		env.T.Fatalf("login %s: %d %s", u.Email, rec.Code, rec.Body.String())
	}
	var out struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
	}
	DecodeJSON(env.T, rec, &out)
	u.AccessToken, u.RefreshToken = out.AccessToken, out.RefreshToken
}

// As sends r with the user's bearer token.
func (env *Env) As(u *User, r Request) *httptest.ResponseRecorder {
	env.T.Helper()
	if r.Headers == nil {
		r.Headers = map[string]string{}
	}
	r.Headers["Authorization"] = "Bearer " + u.AccessToken
	return env.Do(r)
}

var mailToken = regexp.MustCompile(`#token=([A-Za-z0-9_-]+)`)

// LastMailTo returns the newest outbox mail to address and the token its link carries, if any.
func (env *Env) LastMailTo(t testing.TB, address string) (models.MailMessage, string) {
	t.Helper()
	var m models.MailMessage
	if err := env.DB.Where("to_address = ?", address).Order("created_at DESC, id DESC").Take(&m).Error; err != nil {
		t.Fatalf("no mail to %s: %v", address, err)
	}
	token := ""
	if match := mailToken.FindStringSubmatch(m.BodyText); match != nil {
		token = match[1]
	}
	return m, token
}
