package models

import "sync"

// MaxHandedOver bounds the ids a MailHandoff holds (a few MiB); past it, the worker sweeps the
// outbox instead. It covers a surge of a minute or two that outruns the mail server.
const MaxHandedOver = 1 << 16

// MailHandoff passes the ids of mails this process has just queued (committed) to its outbox
// worker, and wakes it, so that they leave at once instead of at its next tick, and are claimed by
// primary key. The sweep for due mail walks the outbox's due index from its oldest entry, and at
// the front of that index lie the entries of mails already sent (each claim and each delivery
// leaves one behind) until a vacuum clears them: under a surge, tens of thousands, walked on every
// round. A claim by id reads only the rows it takes. A mail the handoff missed (one queued by
// another process, a retry, an overflow) still leaves with the worker's sweep.
type MailHandoff struct {
	mu         sync.Mutex
	ids        []string
	overflowed bool
	wake       chan struct{}
}

// NewMailHandoff returns an empty handoff.
func NewMailHandoff() *MailHandoff { return &MailHandoff{wake: make(chan struct{}, 1)} }

// QueuedMail is this process's handoff: comment submissions put their receipts in it.
var QueuedMail = NewMailHandoff()

// Wake is where the worker waits for handed-over mail. It holds one wake-up; more coalesce.
func (h *MailHandoff) Wake() <-chan struct{} { return h.wake }

// Add hands over the id of a committed mail.
func (h *MailHandoff) Add(id string) {
	h.mu.Lock()
	if len(h.ids) < MaxHandedOver {
		h.ids = append(h.ids, id)
	} else {
		h.overflowed = true
	}
	h.mu.Unlock()
	select {
	case h.wake <- struct{}{}:
	default:
	}
}

// Waiting says whether ids were handed over (or dropped) since the last Take.
func (h *MailHandoff) Waiting() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.ids) > 0 || h.overflowed
}

// Take returns the ids handed over since the last Take, and whether some were dropped because
// the handoff was full (then the outbox needs a sweep).
func (h *MailHandoff) Take() (ids []string, overflowed bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	ids, overflowed = h.ids, h.overflowed
	h.ids, h.overflowed = nil, false
	return ids, overflowed
}
