package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"consult/internal/logging"
	"consult/internal/problem"
	"consult/models"
)

// Problem is an RFC 9457 problem details document with the contract's stable code.
type Problem = problem.Problem

// ProblemContentType is the media type of every error answer.
const ProblemContentType = problem.ContentType

// errorHandler is the one place where errors become answers.
func errorHandler(err error, c echo.Context) {
	gone := clientGone(c, err)
	if c.Response().Committed {
		// The answer has started (a streamed export); all that is left is to say so in the log.
		if gone {
			logging.From(c.Request().Context()).Info("client left during the answer", "error", err)
		} else {
			logging.From(c.Request().Context()).Error("request failed after the answer started", "error", err)
		}
		return
	}
	if gone { // nobody reads an answer; the request's log line and the metrics say 499
		_ = c.NoContent(StatusClientClosed)
		return
	}
	p, de := problem.For(err)
	p.Instance = c.Request().URL.Path
	p.RequestID = c.Response().Header().Get(echo.HeaderXRequestID)
	log := logging.From(c.Request().Context())
	switch {
	case shedding(p.Code):
		c.Set(shedKey, true) // for the request's log line
	case p.Status >= 500:
		log.Error("request failed", "error", err, "code", p.Code)
	}
	if de.RetryAfter > 0 {
		secs := int(de.RetryAfter.Seconds() + 0.999)
		c.Response().Header().Set("Retry-After", strconv.Itoa(secs))
	}
	c.Response().Header().Set(echo.HeaderContentType, ProblemContentType)
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	var werr error
	if c.Request().Method == http.MethodHead {
		werr = c.NoContent(p.Status)
	} else {
		werr = c.JSON(p.Status, p)
	}
	if werr != nil {
		log.Debug("write problem", "error", werr)
	}
}

// StatusClientClosed is the status logged and counted for a request whose client left before its
// answer (nginx's "client closed request"): the client's doing, not a server error.
const StatusClientClosed = 499

// clientGone reports whether the request's client closed its connection (which cancels the
// request's context) before err: what failed then (a cancelled query, a write to a closed
// connection) failed because nobody was left to answer, and the log still has err at info level.
func clientGone(c echo.Context, err error) bool {
	return err != nil && errors.Is(c.Request().Context().Err(), context.Canceled)
}

// shedKey marks, in the request's context, an answer that turned work away on purpose.
const shedKey = "consult.shed"

// shedding reports whether an answer with code turns work away on purpose (the hashing budget is
// spent): the request's own log line, a warning, says it; an error line for each would flood the
// error log with what a sign-in flood is meant to cause.
func shedding(code models.Code) bool {
	return code == models.CodeOverloaded
}
