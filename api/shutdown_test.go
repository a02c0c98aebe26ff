package api_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api"
	"consult/api/apitest"
)

// TestShutdownDrainsInFlightRequests starts a slow request, asks the server to stop while it
// runs, and checks that the request completes and the server then refuses new connections.
func TestShutdownDrainsInFlightRequests(t *testing.T) {
	env := apitest.New(t)
	entered := make(chan struct{})
	env.Echo.GET("/api/v1/test-slow", func(c echo.Context) error {
		close(entered)
		time.Sleep(700 * time.Millisecond)
		return c.String(http.StatusOK, "finished")
	})

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := "http://" + ln.Addr().String()
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() {
		served <- api.Serve(ctx, ln, env.Echo, 10*time.Second, slog.New(slog.NewTextHandler(io.Discard, nil)))
	}()

	type answer struct {
		status int
		body   string
		err    error
	}
	got := make(chan answer, 1)
	go func() {
		resp, err := http.Get(addr + "/api/v1/test-slow")
		if err != nil {
			got <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		got <- answer{resp.StatusCode, string(b), err}
	}()

	<-entered
	stop() // as SIGTERM does in `consult serve`

	a := <-got
	require.NoError(t, a.err)
	assert.Equal(t, http.StatusOK, a.status)
	assert.Equal(t, "finished", a.body)
	require.NoError(t, <-served)

	_, err = http.Get(addr + "/healthz")
	assert.Error(t, err, "a stopped server must refuse new connections")
}

// TestShutdownGivesUpAfterTheDeadline shows that a request outliving the drain deadline does not
// hold the process forever.
func TestShutdownGivesUpAfterTheDeadline(t *testing.T) {
	env := apitest.New(t)
	entered := make(chan struct{})
	release := make(chan struct{})
	env.Echo.GET("/api/v1/test-stuck", func(c echo.Context) error {
		close(entered)
		<-release
		return c.NoContent(http.StatusOK)
	})
	defer close(release)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() {
		served <- api.Serve(ctx, ln, env.Echo, 200*time.Millisecond, slog.New(slog.NewTextHandler(io.Discard, nil)))
	}()
	go func() {
		if resp, err := http.Get("http://" + ln.Addr().String() + "/api/v1/test-stuck"); err == nil {
			resp.Body.Close()
		}
	}()
	<-entered
	stop()
	err = <-served
	require.Error(t, err)
	assert.Contains(t, err.Error(), "drain did not finish")
}
