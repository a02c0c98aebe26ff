package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// Limit is a number of events allowed per fixed window.
type Limit struct {
	Max    int
	Window time.Duration
}

// windowStart is the beginning of the fixed window holding now.
func (l Limit) windowStart(now time.Time) time.Time {
	return now.UTC().Truncate(l.Window)
}

// RateExceeded reports whether key has reached the limit in the current window and, if so, how
// long until the window ends.
func RateExceeded(ctx context.Context, db *gorm.DB, key string, l Limit, now time.Time) (bool, time.Duration, error) {
	start := l.windowStart(now)
	var c RateCounter
	err := db.WithContext(ctx).Where("key = ? AND window_start = ?", key, start).Limit(1).Find(&c).Error
	if err != nil || c.Count < l.Max {
		return false, 0, err
	}
	return true, start.Add(l.Window).Sub(now), nil
}

// HitRate counts one event under key in the current window and returns the new count. It is one
// atomic statement, so concurrent processes never lose a count.
func HitRate(ctx context.Context, db *gorm.DB, key string, l Limit, now time.Time) (int, error) {
	var count int
	err := db.WithContext(ctx).Raw(
		`INSERT INTO rate_counters (key, window_start, count) VALUES (?, ?, 1)
		 ON CONFLICT (key, window_start) DO UPDATE SET count = rate_counters.count + 1
		 RETURNING count`, key, l.windowStart(now)).Scan(&count).Error
	return count, err
}

// PruneRateCounters deletes windows that ended before cutoff.
func PruneRateCounters(ctx context.Context, db *gorm.DB, cutoff time.Time) error {
	return db.WithContext(ctx).Where("window_start < ?", cutoff).Delete(&RateCounter{}).Error
}
