package api_test

import (
	"fmt"
	"hash/fnv"
	"net/http"
	"sync/atomic"
	"testing"

	"consult/api"
	"consult/api/apitest"
	"consult/handlers"
)

// endsTheSession are the write routes the fuzzer leaves out: they sign the fixture's accounts out,
// after which every other route would only answer 401. Their bad input is covered elsewhere.
var endsTheSession = map[string]bool{
	"POST /api/v1/auth/logout": true,
	"DELETE /api/v1/me":        true,
}

// fuzzSeedBodies are sent to every write route as seeds: an empty object, a body of plausible
// fields, and the shapes that trip decoders.
var fuzzSeedBodies = []string{
	`{}`,
	`{"title":"T","version_label":"9","markdown":"# D\n## 1 A\ntext\n","comment_type":"general","body":"A comment.","publication":"public_named","action":"publish","resolution":"accepted","response":"Thanks.","reason":"spam","version":1}`,
	`{"opens_at":"2026-03-01T00:00:00Z","closes_at":"2026-04-01T00:00:00Z","document_id":"0190f0b2-9a7c-7cc2-b7d5-5e4a8a2d1f00"}`,
	`{"items":[{"id":"x","version":1}],"action":"reject"}`,
	`[`, `null`, `{"version":1e999}`, `{"body":"\ud800"}`,
}

// FuzzWriteRoutes drives the real router with every write route of the table (POST, PUT, PATCH,
// DELETE), as the role the route needs, on the fixture's resources, with a fuzzed content type
// and body: no answer may be a 5xx (a panic is recovered into a 500). The route is chosen by its
// "METHOD /path" line; any other string picks a route by its hash, so every input is a request.
func FuzzWriteRoutes(f *testing.F) {
	fx := newLimitsFixture(f)
	routes := writeRoutes()
	for _, r := range routes {
		for _, body := range fuzzSeedBodies {
			f.Add(r.Method+" "+r.Path, "application/json", []byte(body))
		}
		f.Add(r.Method+" "+r.Path, "multipart/form-data; boundary=zzz",
			[]byte("--zzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.md\"\r\n\r\n# D\n## 1 A\n\r\n--zzz--\r\n"))
	}
	var clients atomic.Int64
	f.Fuzz(func(t *testing.T, route, contentType string, body []byte) {
		r := pickRoute(routes, route)
		env := *fx.env // the fixture's server, reporting to this run
		env.T = t
		n := clients.Add(1)
		req := apitest.Request{Method: r.Method, Path: fx.path(t, r.Path), Body: body, Headers: map[string]string{"Content-Type": contentType},
			RemoteAddr: fmt.Sprintf("10.%d.%d.%d:40000", n>>16&255, n>>8&255, n&255)}
		var answer int
		if u := fx.user(r.Access); u != nil {
			answer = env.As(u, req).Code
		} else {
			answer = env.Do(req).Code
		}
		if answer >= http.StatusInternalServerError {
			t.Fatalf("%s %s (Content-Type %q, body %q): answered %d", r.Method, r.Path, contentType, body, answer)
		}
	})
}

// writeRoutes are the routes of the table that take a body, less those that end the session.
func writeRoutes() []api.Route {
	var out []api.Route
	for _, r := range api.Routes(&handlers.Handlers{}) {
		if r.Method != http.MethodGet && !endsTheSession[r.Method+" "+r.Path] {
			out = append(out, r)
		}
	}
	return out
}

// pickRoute is the route a "METHOD /path" line names, or else one chosen by the line's hash.
func pickRoute(routes []api.Route, line string) api.Route {
	for _, r := range routes {
		if r.Method+" "+r.Path == line {
			return r
		}
	}
	h := fnv.New32a()
	_, _ = h.Write([]byte(line))
	return routes[h.Sum32()%uint32(len(routes))]
}
