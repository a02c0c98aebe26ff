package handlers

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"consult/internal/logging"
	"consult/models"
)

// Throttles of the account endpoints. Counts live in the database, so every server process
// shares them; the client address is the socket's unless a trusted proxy forwarded it. Every
// limit is counted before the work it guards (models.Reserve), so parallel requests cannot all
// pass it. The limits of one account or one address belong to the account commands in models.
var (
	loginFailuresPerIP = models.Limit{Max: 20, Window: 15 * time.Minute}
	registrationsPerIP = models.Limit{Max: 10, Window: time.Hour}
	resetRequestsPerIP = models.Limit{Max: 10, Window: time.Hour}
	tokenAttemptsPerIP = models.Limit{Max: 30, Window: time.Hour}
	resendsPerIP       = models.Limit{Max: 10, Window: time.Hour}
)

// reserve takes a slot under every throttle before the expensive work they guard; past a limit
// it answers 429 rate_limited with Retry-After.
func (h *Handlers) reserve(ctx context.Context, now time.Time, throttles ...models.Throttle) (*models.Reservation, error) {
	return models.Reserve(ctx, h.DB.DB, now, throttles...)
}

// answerThen answers 204 at once, then does work: the time to the answer says nothing about what
// the work finds (a known or an unknown address). The work outlives a client that hangs up; its
// failure goes to the log, since the answer has left.
func answerThen(c echo.Context, work func(ctx context.Context) error) error {
	if err := c.NoContent(http.StatusNoContent); err != nil {
		return err
	}
	_ = http.NewResponseController(c.Response()).Flush()
	ctx := context.WithoutCancel(c.Request().Context())
	if err := work(ctx); err != nil {
		logging.From(ctx).Error("work after the answer failed", "error", err)
	}
	return nil
}
