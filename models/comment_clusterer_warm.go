package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// Warm loads the campaign index of every consultation open at now, so that the first comments
// after a start (a deploy, a restart during a surge) do not pay for replaying every assignment
// stored before: with 100,000 comments that replay took a third of the process's processor time
// in the first seconds of a surge. Serve runs it in the background at start; submissions and
// reads do not wait for it.
func (cl *Clusterer) Warm(ctx context.Context, now time.Time) error {
	var ids []string
	err := cl.db.WithContext(ctx).Model(&Consultation{}).Where("opens_at <= ? AND closes_at > ?", now, now).
		Order("opens_at").Pluck("id", &ids).Error
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := cl.warm(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// warm brings the consultation's index up to the assignments stored, under its clustering lock.
func (cl *Clusterer) warm(ctx context.Context, consultationID string) error {
	st := cl.state(consultationID)
	st.mu.Lock()
	defer st.mu.Unlock()
	err := cl.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockClusters(tx, consultationID); err != nil {
			return err
		}
		return cl.replay(tx, st, consultationID)
	})
	if err != nil {
		st.ix, st.seq = nil, 0
	}
	st.size.Store(st.seq)
	return err
}

// IndexedComments is how many comments the indexes in memory hold (the metric
// consult_campaign_index_comments).
func (cl *Clusterer) IndexedComments() int64 {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	var n int64
	for _, st := range cl.states {
		n += st.size.Load()
	}
	return n
}
