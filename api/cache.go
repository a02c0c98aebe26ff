package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"consult/handlers"
)

// publicMaxAge is how long a shared cache may serve a public read without asking again: long
// enough for a reverse proxy to absorb a surge of readers, short enough that new comments show.
const publicMaxAge = "public, max-age=10"

// publicCache gives the answers of PublicRead routes to anonymous callers an ETag (a hash of the
// body) and a Cache-Control that lets shared caches keep them briefly; a request whose
// If-None-Match names the current ETag gets 304 without the body. Signed-in callers may see
// more (their own or staff-only records), so their answers stay uncached (noStore).
func publicCache(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if handlers.CurrentPrincipal(c) != nil {
			return next(c)
		}
		res := c.Response()
		buf := &bufferedResponse{ResponseWriter: res.Writer, header: res.Header()}
		res.Writer = buf
		err := next(c)
		res.Writer = buf.ResponseWriter
		if err != nil || buf.status != http.StatusOK {
			return flush(res, buf, err)
		}
		sum := sha256.Sum256(buf.body.Bytes())
		etag := `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
		h := res.Header()
		h.Set(echo.HeaderCacheControl, publicMaxAge)
		h.Set("ETag", etag)
		h.Add(echo.HeaderVary, "Authorization, Cookie")
		if etagMatches(c.Request().Header.Get("If-None-Match"), etag) {
			h.Del(echo.HeaderContentLength)
			res.Status = http.StatusNotModified
			res.Writer.WriteHeader(http.StatusNotModified)
			return nil
		}
		return flush(res, buf, nil)
	}
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
