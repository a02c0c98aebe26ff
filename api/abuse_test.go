package api_test

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api"
	"consult/api/apitest"
)

// serveOnLoopback serves env's router on a real listener, limited per address like `consult
// serve`, until the test ends, and returns its address.
func serveOnLoopback(t *testing.T, env *apitest.Env, perAddress int) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() {
		served <- api.Serve(ctx, api.LimitConnsPerAddress(ln, perAddress, nil), env.Echo, 5*time.Second, slog.New(slog.NewTextHandler(io.Discard, nil)))
	}()
	t.Cleanup(func() { stop(); <-served })
	return ln.Addr().String()
}

// dial opens a raw connection that the test closes at its end.
func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 10*time.Second)
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// statusOf sends raw on a new connection and returns the answer's status code.
func statusOf(t *testing.T, addr, raw string) int {
	t.Helper()
	c := dial(t, addr)
	require.NoError(t, c.SetDeadline(time.Now().Add(30*time.Second)))
	_, _ = io.WriteString(c, raw) // the server may answer and close before it has read everything
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	require.NoError(t, err)
	defer resp.Body.Close()
	return resp.StatusCode
}

// trickle writes s one byte at a time, slowly, until the test ends or the server hangs up.
func trickle(c net.Conn, s string, done <-chan struct{}) {
	for i := range len(s) {
		select {
		case <-done:
			return
		case <-time.After(100 * time.Millisecond):
		}
		if _, err := c.Write([]byte{s[i]}); err != nil {
			return
		}
	}
}

// TestAbusersLeaveTheServerAnsweringOthers opens, all at once, many idle connections, clients
// trickling their headers or bodies (slowloris), an oversized body, a deeply nested JSON body and
// an overlong header, and shows that a normal request is still answered, and every abuser gets
// the answer that names its fault.
func TestAbusersLeaveTheServerAnsweringOthers(t *testing.T) {
	env := apitest.New(t)
	addr := serveOnLoopback(t, env, api.MaxConnsPerAddress)
	done := make(chan struct{})
	defer close(done)

	for range 150 { // idle: connected, nothing sent
		dial(t, addr)
	}
	for range 30 { // slow headers
		c := dial(t, addr)
		go trickle(c, "GET /api/v1/consultations HTTP/1.1\r\nHost: x\r\nX-Slow: "+strings.Repeat("a", 1000)+"\r\n\r\n", done)
	}
	for range 30 { // slow bodies
		c := dial(t, addr)
		body := `{"email":"slow@example.eu","password":"` + strings.Repeat("p", 1000) + `"}`
		_, err := io.WriteString(c, "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "+strconv.Itoa(len(body))+"\r\n\r\n")
		require.NoError(t, err)
		go trickle(c, body, done)
	}

	json := "Content-Type: application/json\r\n"
	tests := []struct {
		name string
		raw  string
		want int
	}{
		{"a body larger than any endpoint takes", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n" + json + "Content-Length: 13000000\r\n\r\n{", http.StatusRequestEntityTooLarge},
		{"an oversized JSON body without a length", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n" + json + "Transfer-Encoding: chunked\r\n\r\n" +
			strconv.FormatInt(300<<10, 16) + "\r\n" + strings.Repeat(" ", 300<<10) + "\r\n0\r\n\r\n", http.StatusRequestEntityTooLarge},
		{"deeply nested JSON", postJSON("/api/v1/auth/login", `{"email":`+strings.Repeat("[", 100_000)+strings.Repeat("]", 100_000)+`}`), http.StatusBadRequest},
		{"an overlong header", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Long: " + strings.Repeat("h", 128<<10) + "\r\n\r\n", http.StatusRequestHeaderFieldsTooLarge},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, statusOf(t, addr, tt.raw), tt.name)
	}

	client := &http.Client{Timeout: 30 * time.Second} // a generous bound against a hang, not a timing assertion
	resp, err := client.Get("http://" + addr + "/api/v1/consultations")
	require.NoError(t, err, "a normal request beside the abusers")
	defer resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func postJSON(path, body string) string {
	return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
}

// TestOneAddressCannotHoldEveryConnection: past its limit, an address's new connections are
// closed at once while its open ones keep working; a closed one frees its place; exempt peers
// (trusted proxies) are not limited.
func TestOneAddressCannotHoldEveryConnection(t *testing.T) {
	env := apitest.New(t)
	addr := serveOnLoopback(t, env, 3)
	get := func(c net.Conn) (int, error) {
		if _, err := io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
			return 0, err
		}
		require.NoError(t, c.SetReadDeadline(time.Now().Add(30*time.Second)))
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		return resp.StatusCode, nil
	}
	held := []net.Conn{dial(t, addr), dial(t, addr), dial(t, addr)}
	_, err := get(dial(t, addr))
	assert.Error(t, err, "a fourth connection from the same address is closed")
	for _, c := range held {
		status, err := get(c)
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, status)
	}
	require.NoError(t, held[0].Close())
	assert.Eventually(t, func() bool {
		status, err := get(dial(t, addr))
		return err == nil && status == http.StatusOK
	}, 10*time.Second, 20*time.Millisecond, "a closed connection frees its place")

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	exempt := api.LimitConnsPerAddress(ln, 1, []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")})
	defer exempt.Close()
	for range 3 {
		c := dial(t, ln.Addr().String())
		accepted, err := exempt.Accept()
		require.NoError(t, err, "an exempt peer is never turned away")
		_ = accepted.Close()
		_ = c.Close()
	}
}
