package api

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"

	"consult/handlers"
)

// publicMaxAge is how long a shared cache may serve a public read without asking again: long
// enough for a reverse proxy to absorb a surge of readers, short enough that new comments show.
const publicMaxAge = "public, max-age=10"

// Compression of answers: bodies from gzipMinLength bytes on, at the fastest level (nginx's
// default), since JSON compresses nearly as well at 1 as at 6 for a third of the CPU. The answer
// to a write mostly echoes what the client has just sent (a submitted comment, an edited
// profile): it is compressed only from gzipMinWriteLength on, such as a large import's report,
// since compressing every submission's answer took a fifteenth of the server's processor time
// under a surge of submissions, to save a kilobyte.
const (
	gzipMinLength      = 1024
	gzipMinWriteLength = 16 << 10
	gzipLevel          = gzip.BestSpeed
)

// isWrite reports whether c's request may change something (not GET, HEAD or OPTIONS).
func isWrite(c echo.Context) bool {
	switch c.Request().Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

// publicCache answers PublicRead routes. Anonymous callers get an ETag (a hash of the body) and
// a Cache-Control that lets shared caches keep the answer briefly, 304 without the body when
// their If-None-Match names the current ETag, and answers the server keeps for a moment
// (answerCache), compressed once. Signed-in callers may see more (their own or staff-only
// records), so their answers are neither kept nor cacheable (noStore). The router's gzip
// middleware skips these routes: publicCache compresses itself.
func publicCache(answers *answerCache) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			anonymous := handlers.CurrentPrincipal(c) == nil
			if anonymous {
				if hit, ok := answers.lookup(c.Request()); ok {
					return sendPublic(c, hit)
				}
			}
			gen, at := answers.generation.Load(), answers.clock.Now()
			res := c.Response()
			buf := &bufferedResponse{ResponseWriter: res.Writer, header: res.Header()}
			res.Writer = buf
			err := next(c)
			res.Writer = buf.ResponseWriter
			if err != nil || buf.status != http.StatusOK {
				return flush(res, buf, err)
			}
			contentType := res.Header().Get(echo.HeaderContentType)
			if !anonymous {
				return sendBody(c, &answer{contentType: contentType, body: buf.body.Bytes()})
			}
			a := newAnswer(contentType, buf.body.Bytes())
			answers.store(c.Request(), gen, at, a)
			return sendPublic(c, a)
		}
	}
}

// answer is a 200 answer of a public read: its body and, for anonymous callers, its ETag and its
// body compressed once for every caller it is served to.
type answer struct {
	contentType string
	etag        string
	body        []byte
	gzipped     []byte // nil when not compressed yet or shorter than gzipMinLength
}

// newAnswer prepares an answer for anonymous callers, to be kept: a copy of the body, its ETag
// and, when long enough, its compressed form.
func newAnswer(contentType string, body []byte) *answer {
	sum := sha256.Sum256(body)
	a := &answer{contentType: contentType, etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`,
		body: append([]byte(nil), body...)}
	if len(body) >= gzipMinLength {
		a.gzipped = compress(body)
	}
	return a
}

// sendPublic sends a public answer with its caching headers, or 304 when the caller holds it.
func sendPublic(c echo.Context, a *answer) error {
	h := c.Response().Header()
	h.Set(echo.HeaderCacheControl, publicMaxAge)
	h.Set("ETag", a.etag)
	h.Add(echo.HeaderVary, "Authorization, Cookie")
	if etagMatches(c.Request().Header.Get("If-None-Match"), a.etag) {
		h.Add(echo.HeaderVary, echo.HeaderAcceptEncoding) // as the 200 would have said
		h.Del(echo.HeaderContentLength)
		c.Response().WriteHeader(http.StatusNotModified)
		return nil
	}
	return sendBody(c, a)
}

// sendBody sends the answer's body, compressed (now, unless it was already) when the caller
// accepts gzip and it is long enough.
func sendBody(c echo.Context, a *answer) error {
	h := c.Response().Header()
	h.Add(echo.HeaderVary, echo.HeaderAcceptEncoding)
	if len(a.body) < gzipMinLength || !strings.Contains(c.Request().Header.Get(echo.HeaderAcceptEncoding), "gzip") {
		return c.Blob(http.StatusOK, a.contentType, a.body)
	}
	gzipped := a.gzipped
	if gzipped == nil {
		gzipped = compress(a.body)
	}
	h.Set(echo.HeaderContentEncoding, "gzip")
	return c.Blob(http.StatusOK, a.contentType, gzipped)
}

// gzipWriters are reused compressors of gzipLevel.
var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzipLevel)
	return w
}}

// compress gzips body.
func compress(body []byte) []byte {
	var out bytes.Buffer
	w := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(w)
	w.Reset(&out)
	_, _ = w.Write(body) // writes to a bytes.Buffer do not fail
	_ = w.Close()
	return out.Bytes()
}

// etagMatches reports whether an If-None-Match header names etag (weak or strong, as RFC 9110
// compares for GET) or is "*".
func etagMatches(header, etag string) bool {
	for _, tag := range strings.Split(header, ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if tag == etag || tag == "*" {
			return true
		}
	}
	return false
}

// flush sends what the handler wrote to the buffer.
func flush(res *echo.Response, buf *bufferedResponse, err error) error {
	if buf.status == 0 {
		return err // nothing was written: the error handler answers
	}
	res.Writer.WriteHeader(buf.status)
	_, werr := res.Writer.Write(buf.body.Bytes())
	if err != nil {
		return err
	}
	return werr
}

// bufferedResponse holds a handler's answer until its ETag is known.
type bufferedResponse struct {
	http.ResponseWriter
	header http.Header
	status int
	body   bytes.Buffer
}

// Header is the real response's header map, so that headers set before or after the body land
// in the answer.
func (b *bufferedResponse) Header() http.Header { return b.header }

// WriteHeader records the status.
func (b *bufferedResponse) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

// Write buffers the body.
func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}
