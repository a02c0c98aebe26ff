package faults_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"
)

// client speaks consult's API for one signed-in account, to any of the scenario's servers.
type client struct {
	http  *http.Client
	token string
}

// newHTTPClient keeps up to conns connections per server open, as a load generator does.
func newHTTPClient(conns int) *http.Client {
	return &http.Client{
		Timeout:   2 * time.Minute,
		Transport: &http.Transport{MaxIdleConns: 4 * conns, MaxIdleConnsPerHost: conns},
	}
}

// signIn signs email in on srv; the token works on every server of the scenario (they share the
// JWT secret and the sessions in the database).
func signIn(t *testing.T, srv *server, email string) *client {
	t.Helper()
	c := &client{http: newHTTPClient(32)}
	a := c.do(context.Background(), http.MethodPost, srv.url("/api/v1/auth/login"), nil, map[string]string{"email": email, "password": password})
	if a.status != http.StatusOK {
		t.Fatalf("sign in %s: %d %v", email, a.status, a.err)
	}
	var tokens struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(a.body, &tokens); err != nil || tokens.AccessToken == "" {
		t.Fatalf("sign in %s: no token in %s", email, a.body)
	}
	c.token = tokens.AccessToken
	return c
}

// answer is what one request got back, or err when no answer came (the connection failed).
type answer struct {
	status  int
	header  http.Header
	body    []byte
	problem struct {
		Code string `json:"code"`
	}
	comment struct {
		ID      string `json:"id"`
		Version int    `json:"version"`
	}
	err error
}

// replayed says whether the server answered with the comment of an earlier request with the key.
func (a answer) replayed() bool { return a.header.Get("Idempotent-Replayed") == "true" }

// do sends a JSON request with the headers given and reads the whole answer.
func (c *client) do(ctx context.Context, method, url string, header map[string]string, body any) answer {
	raw, err := json.Marshal(body)
	if err != nil {
		return answer{err: err}
	}
	return c.send(ctx, method, url, header, raw)
}

func (c *client) send(ctx context.Context, method, url string, header map[string]string, raw []byte) answer {
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(raw))
	if err != nil {
		return answer{err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return answer{err: err}
	}
	defer resp.Body.Close()
	a := answer{status: resp.StatusCode, header: resp.Header}
	if a.body, a.err = io.ReadAll(resp.Body); a.err != nil {
		return a
	}
	if resp.StatusCode >= 400 {
		_ = json.Unmarshal(a.body, &a.problem)
	} else {
		_ = json.Unmarshal(a.body, &a.comment)
	}
	return a
}

// submission is one comment as sent, with the Idempotency-Key that makes its retries safe: a
// retry sends the same key and the same bytes.
type submission struct {
	key  string
	body []byte
}

func newSubmission(worker, seq int) submission {
	key := fmt.Sprintf("faults-w%d-c%d", worker, seq)
	body, _ := json.Marshal(map[string]string{
		"comment_type": "general",
		"body":         "Comment " + key + ": the incident notification deadline should be 72 hours for small issuers.",
		"publication":  "public_named",
	})
	return submission{key: key, body: body}
}

// submit sends sub to srv's consultation comments.
func (c *client) submit(ctx context.Context, srv *server, consultationID string, sub submission) answer {
	return c.send(ctx, http.MethodPost, srv.url("/api/v1/consultations/"+consultationID+"/comments"),
		map[string]string{"Idempotency-Key": sub.key}, sub.body)
}

// publish moderates a comment, saying which version the moderator saw.
func (c *client) publish(srv *server, commentID string, version int) answer {
	return c.do(context.Background(), http.MethodPost, srv.url("/api/v1/comments/"+commentID+"/moderation"), nil,
		map[string]any{"action": "publish", "version": version})
}
