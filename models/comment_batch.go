package models

import (
	"context"
	"sync"
	"time"

	"gorm.io/gorm"
)

// Bounds of the batching of submissions on PostgreSQL.
const (
	// maxBatchWriters is how many batches are stored at once.
	maxBatchWriters = 4
	// maxSubmissionBatch is how many submissions one batch stores.
	maxSubmissionBatch = 64
	// batchTimeout bounds the storing of one batch.
	batchTimeout = 30 * time.Second
)

// commentBatcher stores the submissions that arrive while others are being stored together, in
// one transaction, as PostgreSQL's group commit does for WAL flushes: a submission arriving at a
// quiet moment is stored at once, alone, and under a surge each round trip and commit serves many
// submissions instead of one. A statement per row and a commit per submission were most of the
// database's work in a surge (three times a single-row INSERT's). Nothing waits for a batch to fill:
// a batch is whatever waited while the previous ones were stored, and up to maxBatchWriters are
// stored at once. If a batch fails (a key used twice, a tracking number taken, a database error),
// each of its submissions is stored alone, with its own outcome.
type commentBatcher struct {
	mu      sync.Mutex
	waiting []*pendingSubmission
	writers int
}

// pendingSubmission is a submission waiting for a batch, and its outcome once stored. A
// submission whose client goes away while it waits is stored all the same, as is one whose
// client goes away after its commit; a retry with its Idempotency-Key then finds it.
type pendingSubmission struct {
	ctx  context.Context
	sub  *newSubmission
	done chan error // receives the outcome, once
	over bool       // done has its outcome; guarded by the batcher's mu
}

// batchers holds the batcher of each database pool in this process.
var batchers sync.Map // *sql.DB -> *commentBatcher

// batcherOf returns the batcher of db's pool.
func batcherOf(db *gorm.DB) *commentBatcher {
	pool, _ := db.DB() // db is not in a transaction here: its pool is a *sql.DB
	b, _ := batchers.LoadOrStore(pool, &commentBatcher{})
	return b.(*commentBatcher)
}

// store stores s with the submissions around it and returns its outcome. The request that finds a
// writer's place free stores batches itself until its own submission is stored, then hands its
// place to a goroutine if others still wait.
func (b *commentBatcher) store(ctx context.Context, db *gorm.DB, s *newSubmission) error {
	p := &pendingSubmission{ctx: ctx, sub: s, done: make(chan error, 1)}
	b.mu.Lock()
	b.waiting = append(b.waiting, p)
	lead := b.writers < maxBatchWriters
	if lead {
		b.writers++
	}
	b.mu.Unlock()
	if lead {
		b.write(db, p)
	}
	return <-p.done
}

// write stores batches of the waiting submissions until none waits or own is stored (nil: until
// none waits).
func (b *commentBatcher) write(db *gorm.DB, own *pendingSubmission) {
	for {
		b.mu.Lock()
		if len(b.waiting) == 0 {
			b.writers--
			b.mu.Unlock()
			return
		}
		if own != nil && own.over {
			b.mu.Unlock()
			go b.write(db, nil)
			return
		}
		n := min(len(b.waiting), maxSubmissionBatch)
		batch := make([]*pendingSubmission, n)
		copy(batch, b.waiting)
		b.waiting = append(b.waiting[:0], b.waiting[n:]...)
		b.mu.Unlock()
		outcomes := storeBatch(db, batch)
		b.mu.Lock()
		for i, p := range batch {
			p.over = true
			p.done <- outcomes[i]
		}
		b.mu.Unlock()
	}
}

// storeBatch stores a batch and returns each submission's outcome: all together, or, if that
// fails, each alone.
func storeBatch(db *gorm.DB, batch []*pendingSubmission) []error {
	outcomes := make([]error, len(batch))
	if len(batch) > 1 {
		err := func() error {
			ctx, cancel := context.WithTimeout(context.Background(), batchTimeout)
			defer cancel()
			subs := make([]*newSubmission, len(batch))
			for i, p := range batch {
				if err := p.sub.drawTrackingNumber(db.WithContext(ctx)); err != nil {
					return err
				}
				subs[i] = p.sub
			}
			return storeSubmissions(ctx, db, subs)
		}()
		if err == nil {
			return outcomes
		}
	}
	for i, p := range batch {
		outcomes[i] = storeSubmission(p.ctx, db, p.sub)
	}
	return outcomes
}
