package api_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/pprof/profile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
)

func TestProfilesAreOffByDefault(t *testing.T) {
	env := apitest.New(t)
	for _, path := range []string{"/debug/pprof/", "/debug/pprof/heap?debug=1", "/debug/pprof/profile?seconds=1"} {
		rec := env.Do(apitest.Request{Method: http.MethodGet, Path: path, RemoteAddr: "127.0.0.1:5000"})
		assert.Equal(t, http.StatusNotFound, rec.Code, path)
		assert.Contains(t, rec.Body.String(), `"code":"not_found"`, path)
	}
}

func TestProfilesOnlyForAllowedNetworks(t *testing.T) {
	env := apitest.New(t)
	env.Config.Pprof = true
	rec := env.Do(apitest.Request{Method: http.MethodGet, Path: "/debug/pprof/", RemoteAddr: "127.0.0.1:5000"})
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), "heap")
	rec = env.Do(apitest.Request{Method: http.MethodGet, Path: "/debug/pprof/heap?debug=1", RemoteAddr: "[::1]:5000"})
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), "heap profile:")
	rec = env.Do(apitest.Request{Method: http.MethodGet, Path: "/debug/pprof/nothing", RemoteAddr: "127.0.0.1:5000"})
	assert.Equal(t, http.StatusNotFound, rec.Code, "an unknown profile")

	rec = env.Do(apitest.Request{Method: http.MethodGet, Path: "/debug/pprof/heap?debug=1"})
	assert.Equal(t, http.StatusNotFound, rec.Code, "as /metrics: 404 to a network not allowed")
	rec = env.Do(apitest.Request{Method: http.MethodGet, Path: "/debug/pprof/", Headers: map[string]string{"X-Forwarded-For": "127.0.0.1"}})
	assert.Equal(t, http.StatusNotFound, rec.Code, "a forged X-Forwarded-For must not pass for loopback")
}

// TestCPUProfileOutlastsTheWriteTimeout takes a CPU profile longer than the server's write
// timeout through the real router: pprof extends the connection's write deadline by the
// profile's length, which works only if every middleware's writer unwraps to the connection's.
func TestCPUProfileOutlastsTheWriteTimeout(t *testing.T) {
	env := apitest.New(t)
	env.Config.Pprof = true
	srv := httptest.NewUnstartedServer(env.Echo)
	srv.Config.WriteTimeout = time.Second
	srv.Start()
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/debug/pprof/profile?seconds=2")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	p, err := profile.Parse(resp.Body)
	require.NoError(t, err, "a profile cut off by the write timeout does not parse")
	assert.Equal(t, "cpu", p.SampleType[len(p.SampleType)-1].Type)
	assert.GreaterOrEqual(t, p.DurationNanos, int64(2*time.Second))
}
