package models

import (
	"context"
	"sync"
	"time"

	"gorm.io/gorm"
)

// openConsultationTTL is how long a submission may rely on a consultation it found open.
const openConsultationTTL = time.Second

// openConsultations keeps, for openConsultationTTL, the consultations that submissions found
// open, so that a surge of submissions to one consultation reads its row once a second instead of
// once a comment (a round trip, and a seventh of consult's processor time per submission).
//
// Relying on it never admits a comment the database would refuse: an open window can only be
// extended (UpdateConsultation), never shortened or moved, so a consultation found open stays
// open until the closes_at it had then, or later. A cached row that says "closed" is not relied
// on: the row is read again. What a cached row may have stale, for up to the TTL and only after a
// change made by another process, is the title that the receipt mail quotes; UpdateConsultation in
// this process drops the row at once (forget).
var openConsultations = &openConsultationCache{rows: map[string]openConsultation{}}

// maxOpenConsultations bounds the cache; past it, the rows are dropped and read again.
const maxOpenConsultations = 1024

type openConsultationCache struct {
	mu   sync.Mutex
	rows map[string]openConsultation
	gen  uint64 // counts forget calls, so that a row read before one is not stored after it
}

type openConsultation struct {
	con  Consultation
	read time.Time
}

// findOpenConsultation returns consultation id when its window is open at now: from the cache
// when the consultation was found open within the TTL and the window it had then is still open,
// else from the database.
func findOpenConsultation(ctx context.Context, db *gorm.DB, id string, now time.Time) (*Consultation, error) {
	if c, ok := openConsultations.get(id, now); ok {
		return c, nil
	}
	gen := openConsultations.generation()
	c, err := FindConsultation(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if err := c.RequireOpen(now); err != nil {
		return nil, err
	}
	openConsultations.put(c, gen)
	return c, nil
}

// get returns a copy of the cached row of id if it was read within the TTL and its window is open at now.
func (oc *openConsultationCache) get(id string, now time.Time) (*Consultation, bool) {
	oc.mu.Lock()
	row, ok := oc.rows[id]
	oc.mu.Unlock()
	if !ok || time.Since(row.read) > openConsultationTTL || row.con.RequireOpen(now) != nil {
		return nil, false
	}
	c := row.con
	return &c, true
}

func (oc *openConsultationCache) generation() uint64 {
	oc.mu.Lock()
	defer oc.mu.Unlock()
	return oc.gen
}

// put keeps a copy of c, unless a forget came after gen (c may be older than the change it announced).
func (oc *openConsultationCache) put(c *Consultation, gen uint64) {
	oc.mu.Lock()
	defer oc.mu.Unlock()
	if gen != oc.gen {
		return
	}
	if len(oc.rows) >= maxOpenConsultations {
		clear(oc.rows)
	}
	oc.rows[c.ID] = openConsultation{con: *c, read: time.Now()}
}

// forget drops consultation id, after a change to it.
func (oc *openConsultationCache) forget(id string) {
	oc.mu.Lock()
	defer oc.mu.Unlock()
	oc.gen++
	delete(oc.rows, id)
}
