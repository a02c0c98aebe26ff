package main

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// tokenPool holds access tokens of the moderator and the submitters, signed in again before they
// expire (they live 15 minutes).
type tokenPool struct {
	baseURL      string
	moderator    string
	stakeholders []string

	mu         sync.RWMutex
	staff      string
	submitters []string
	signedIn   time.Time
	next       atomic.Uint64
}

// fresh signs in again when the tokens are older than ten minutes.
func (p *tokenPool) fresh(ctx context.Context) error {
	p.mu.RLock()
	old := time.Since(p.signedIn) > 10*time.Minute
	p.mu.RUnlock()
	if !old {
		return nil
	}
	return p.refresh(ctx)
}

// refresh signs in every account of the pool.
func (p *tokenPool) refresh(ctx context.Context) error {
	staff, err := signIn(ctx, p.baseURL, p.moderator)
	if err != nil {
		return err
	}
	tokens := make([]string, len(p.stakeholders))
	for i, email := range p.stakeholders {
		if tokens[i], err = signIn(ctx, p.baseURL, email); err != nil {
			return err
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.staff, p.submitters, p.signedIn = staff, tokens, time.Now()
	return nil
}

// moderatorToken is the moderator's access token.
func (p *tokenPool) moderatorToken() string {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.staff
}

// submitter is the next submitter's access token, in turn.
func (p *tokenPool) submitter() string {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.submitters[p.next.Add(1)%uint64(len(p.submitters))]
}

// signIn signs email in, waiting a second and trying again (up to a minute) while the server's
// hashing budget turns sign-ins away with 503, as after a flood scenario.
func signIn(ctx context.Context, baseURL, email string) (string, error) {
	var out struct {
		AccessToken string `json:"access_token"`
	}
	for attempt := 1; ; attempt++ {
		status, body, err := request(ctx, http.MethodPost, baseURL+"/api/v1/auth/login", "", map[string]string{"email": email, "password": password}, &out)
		if err != nil {
			return "", err
		}
		if status == http.StatusServiceUnavailable && attempt < 60 {
			select {
			case <-ctx.Done():
				return "", ctx.Err()
			case <-time.After(time.Second):
			}
			continue
		}
		if status != http.StatusOK {
			return "", fmt.Errorf("sign-in of %s: %d %s", email, status, body)
		}
		return out.AccessToken, nil
	}
}
