package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// RateCounter counts events under a key in a fixed time window (failed logins per account or
// per client address). Kept in the database so that every server process sees the same count.
type RateCounter struct {
	Key         string    `gorm:"primaryKey"`
	WindowStart time.Time `gorm:"primaryKey"`
	Count       int       `gorm:"not null"`
}

// Limit is a number of events allowed per fixed window.
type Limit struct {
	Max    int
	Window time.Duration
}

// windowStart is the beginning of the fixed window holding now.
func (l Limit) windowStart(now time.Time) time.Time {
	return now.UTC().Truncate(l.Window)
}

// Throttle is a limit applied to one key, such as failed sign-ins of one account.
type Throttle struct {
	Key   string
	Limit Limit
}

// Reservation is the slots a request took under its throttles. Work that turns out not to count
// (a right password, a report that was not filed) gives them back with Release.
type Reservation struct {
	slots []slot
}

type slot struct {
	key   string
	start time.Time
}

// Reserve takes one slot under every throttle, each with one atomic statement, before the caller
// does the work they guard: concurrent requests can never all pass a check that counts only
// afterwards. Past any limit it gives back every slot it took and returns a rate_limited error
// that says how long until the window ends.
func Reserve(ctx context.Context, db *gorm.DB, now time.Time, throttles ...Throttle) (*Reservation, error) {
	if err := refuseExhausted(ctx, db, now, throttles); err != nil {
		return nil, err
	}
	r := &Reservation{}
	for _, t := range throttles {
		start := t.Limit.windowStart(now)
		n, err := hitRate(ctx, db, t.Key, start)
		if err != nil {
			return nil, err
		}
		r.slots = append(r.slots, slot{key: t.Key, start: start})
		if n > t.Limit.Max {
			if err := r.Release(ctx, db); err != nil {
				return nil, err
			}
			return nil, rateLimited(t, start, now)
		}
	}
	return r, nil
}

// refuseExhausted answers rate_limited when a throttle's window is already full, with one read and
// no write: a flood from one address past its limit costs no transaction commits (taking and giving
// back slots would cost four). A window that fills meanwhile is caught by Reserve's atomic count.
func refuseExhausted(ctx context.Context, db *gorm.DB, now time.Time, throttles []Throttle) error {
	keys := make([]string, len(throttles))
	starts := make([]time.Time, len(throttles))
	for i, t := range throttles {
		keys[i], starts[i] = t.Key, t.Limit.windowStart(now)
	}
	var counters []RateCounter
	if err := db.WithContext(ctx).Where("key IN ? AND window_start IN ?", keys, starts).Find(&counters).Error; err != nil {
		return err
	}
	for i, t := range throttles {
		for _, c := range counters {
			if c.Key == t.Key && c.WindowStart.Equal(starts[i]) && c.Count >= t.Limit.Max {
				return rateLimited(t, starts[i], now)
			}
		}
	}
	return nil
}

// rateLimited is the answer to a request past t's limit in the window starting at start.
func rateLimited(t Throttle, start, now time.Time) error {
	return &Error{Code: CodeRateLimited, Message: "too many attempts; try again later", RetryAfter: start.Add(t.Limit.Window).Sub(now)}
}

// Release gives the reserved slots back, even when the request itself was cancelled.
func (r *Reservation) Release(ctx context.Context, db *gorm.DB) error {
	ctx = context.WithoutCancel(ctx)
	for _, s := range r.slots {
		err := db.WithContext(ctx).Model(&RateCounter{}).Where("key = ? AND window_start = ? AND count > 0", s.key, s.start).
			Update("count", gorm.Expr("count - 1")).Error
		if err != nil {
			return err
		}
	}
	r.slots = nil
	return nil
}

// hitRate counts one event under key in the window starting at start and returns the new count.
// It is one atomic statement, so concurrent processes never lose a count.
func hitRate(ctx context.Context, db *gorm.DB, key string, start time.Time) (int, error) {
	var count int
	err := db.WithContext(ctx).Raw(
		`INSERT INTO rate_counters (key, window_start, count) VALUES (?, ?, 1)
		 ON CONFLICT (key, window_start) DO UPDATE SET count = rate_counters.count + 1
		 RETURNING count`, key, start).Scan(&count).Error
	return count, err
}

// PruneRateCounters deletes windows that ended before cutoff.
func PruneRateCounters(ctx context.Context, db *gorm.DB, cutoff time.Time) error {
	return db.WithContext(ctx).Where("window_start < ?", cutoff).Delete(&RateCounter{}).Error
}
