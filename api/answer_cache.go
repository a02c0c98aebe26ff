package api

import (
	"net/http"
	"sync/atomic"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/labstack/echo/v4"

	"consult/internal/clock"
)

// Bounds of the answer cache: at most publicAnswers answers, none larger than publicAnswerMax,
// so it holds 64 MiB at the very most.
const (
	publicAnswers   = 256
	publicAnswerMax = 256 << 10
)

// answerCache keeps the recent answers of PublicRead routes to anonymous callers, so that a surge
// of readers asking for the same page costs one query per page and second instead of one per
// reader. An answer is served only within the second of the clock it was computed in:
// consultation windows open and close on whole seconds, so a window's change shows to the second,
// and a write of another process shows within a second. Every successful write of this process
// through the API empties the cache at once (a new generation), except the writes that change
// nothing the public reads (privateWrites).
type answerCache struct {
	clock      clock.Clock
	generation atomic.Uint64
	answers    *lru.Cache[string, cachedAnswer]
	routes     map[string]bool // "GET /path" of the PublicRead routes, filled by registerRoutes
}

// cachedAnswer is a kept answer with the generation and the second it was computed in.
type cachedAnswer struct {
	*answer
	generation uint64
	second     time.Time
}

func newAnswerCache(c clock.Clock) *answerCache {
	answers, err := lru.New[string, cachedAnswer](publicAnswers)
	if err != nil {
		panic(err) // only for a size < 1
	}
	return &answerCache{clock: c, answers: answers, routes: map[string]bool{}}
}

// key tells answers apart by everything of the request a PublicRead handler looks at.
func answerKey(r *http.Request) string {
	return r.Method + " " + r.URL.RequestURI() + "\x00" + r.Header.Get(echo.HeaderAccept)
}

// lookup returns the fresh kept answer of the request, if any.
func (a *answerCache) lookup(r *http.Request) (*answer, bool) {
	hit, ok := a.answers.Get(answerKey(r))
	if !ok || hit.generation != a.generation.Load() || !hit.second.Equal(a.clock.Now().Truncate(time.Second)) {
		return nil, false
	}
	return hit.answer, true
}

// store keeps an answer computed at time at during generation gen (both read before the handler
// ran, so that an answer raced by a write or by the turn of a second is never served after it).
func (a *answerCache) store(r *http.Request, gen uint64, at time.Time, ans *answer) {
	if len(ans.body) > publicAnswerMax {
		return
	}
	a.answers.Add(answerKey(r), cachedAnswer{answer: ans, generation: gen, second: at.Truncate(time.Second)})
}

// compressesItself reports whether the route of c is a PublicRead route, whose answers
// publicCache compresses: the router's gzip middleware skips them.
func (a *answerCache) compressesItself(c echo.Context) bool {
	return a.routes[c.Request().Method+" "+c.Path()]
}

// privateWrites are the write routes that change nothing a PublicRead route shows an anonymous
// caller: new comments wait for moderation, and accounts and sessions are private. Every other
// write may.
var privateWrites = map[string]bool{
	"POST /api/v1/consultations/:id/comments":        true,
	"POST /api/v1/consultations/:id/comments/import": true,
	"POST /api/v1/auth/register":                     true,
	"POST /api/v1/auth/verify-email":                 true,
	"POST /api/v1/auth/verify-email/resend":          true,
	"POST /api/v1/auth/login":                        true,
	"POST /api/v1/auth/refresh":                      true,
	"POST /api/v1/auth/logout":                       true,
	"POST /api/v1/auth/password-reset":               true,
	"POST /api/v1/auth/password-reset/confirm":       true,
	"POST /api/v1/me/password":                       true,
	"POST /api/v1/comments/:id/reports":              true,
}

// invalidate starts a new generation after every successful write that may change what the
// public reads, so this process never serves an answer older than its own writes.
func (a *answerCache) invalidate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		if err == nil && isWrite(c) && c.Response().Status < http.StatusBadRequest && !privateWrites[c.Request().Method+" "+c.Path()] {
			a.generation.Add(1)
		}
		return err
	}
}
