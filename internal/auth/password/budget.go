package password

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"time"
)

// ErrBusy is returned by Hash, Verify and DummyVerify when the hashing budget is spent: every slot
// is busy and the short wait queue is full, or the wait for a slot took too long. The caller
// should answer "try again shortly" rather than queue the request.
var ErrBusy = errors.New("password: the hashing budget is spent")

// maxDefaultConcurrency caps the default number of concurrent hashes: 16 × 19 MiB ≈ 304 MiB.
const maxDefaultConcurrency = 16

// Budget bounds the password hashing of a whole process: at most a fixed number of derivations
// run at once (each holding about Params.Memory KiB and one processor), at most a fixed number of
// callers wait for one of them, and none waits longer than a fixed time. A caller beyond that is
// turned away at once with ErrBusy, so a flood of sign-ins costs neither unbounded waiting nor more
// than the budget's share of the processors. A Budget is safe for concurrent use.
type Budget struct {
	slots   chan struct{} // a token per running derivation
	waiting chan struct{} // a token per caller waiting for a slot
	maxWait time.Duration
	share   *timeShare // nil: no bound on processor time beyond the slots
}

// NewBudget returns a budget of concurrency derivations at once (at least one), queue waiting
// callers (zero turns away anyone who finds every slot busy) and maxWait per waiting caller.
func NewBudget(concurrency, queue int, maxWait time.Duration) *Budget {
	return &Budget{
		slots:   make(chan struct{}, max(concurrency, 1)),
		waiting: make(chan struct{}, max(queue, 0)),
		maxWait: maxWait,
	}
}

// DefaultBudget leaves half the processors to everything else: GOMAXPROCS/2 derivations at once
// (at least one, at most 16), four waiting callers per slot, and one second of waiting at most.
// On two processors a sign-in flood thus takes one of them and requests that hash nothing keep
// the other.
func DefaultBudget() *Budget {
	n := min(max(runtime.GOMAXPROCS(0)/2, 1), maxDefaultConcurrency)
	return NewBudget(n, 4*n, time.Second)
}

// Acquire takes a slot, waiting for one only when the queue has room and only up to the budget's
// maximum wait; it returns the function that gives the slot back, to be called with the time the
// derivation took (zero when none ran). It returns ErrBusy when the budget is spent and the
// context's error when ctx ends first.
func (b *Budget) Acquire(ctx context.Context) (release func(took time.Duration), err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if b.share.spent() {
		return nil, ErrBusy
	}
	select {
	case b.slots <- struct{}{}:
		return b.admit()
	default:
	}
	select {
	case b.waiting <- struct{}{}:
		defer func() { <-b.waiting }()
	default:
		return nil, ErrBusy
	}
	timer := time.NewTimer(b.maxWait)
	defer timer.Stop()
	select {
	case b.slots <- struct{}{}:
		return b.admit()
	case <-timer.C:
		return nil, ErrBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// admit charges the share, for the slot just taken, what the last derivation took, so that
// callers arriving while it runs already find the share used up and are turned away before any
// work of theirs (Spent); or, when the share is used up already, gives the slot back and turns the
// caller away.
func (b *Budget) admit() (func(time.Duration), error) {
	charged, ok := b.share.charge()
	if !ok {
		<-b.slots
		return nil, ErrBusy
	}
	return func(took time.Duration) {
		b.share.settle(charged, took)
		<-b.slots
	}, nil
}

// Spent reports whether a caller would be turned away now: every slot busy and the queue full, or
// the share of processor time used up. It is a hint for skipping work that only leads to a hash;
// Acquire decides.
func (b *Budget) Spent() bool {
	return b.share.spent() || len(b.slots) == cap(b.slots) && len(b.waiting) == cap(b.waiting)
}

// LimitShare bounds, in addition to the slots, the processor time derivations take over time to
// share (0 to 1) of all GOMAXPROCS processors: a caller finding it used up is turned away with
// ErrBusy. A slot bounds how many derivations run at once, but a flood keeps its slots busy all the
// time; the share bounds what the flood takes on average, so comment submissions beside it keep
// most of the machine. Up to one second's worth may be saved up for a burst. A share of 0 or less,
// or of 1 or more, sets no bound. It returns b.
func (b *Budget) LimitShare(share float64) *Budget {
	if share <= 0 || share >= 1 {
		b.share = nil
		return b
	}
	perSecond := time.Duration(share * float64(runtime.GOMAXPROCS(0)) * float64(time.Second))
	b.share = &timeShare{perSecond: perSecond, balance: perSecond, last: time.Now(), now: time.Now}
	return b
}

// timeShare is a token bucket of processor time: it earns perSecond for every second that passes,
// keeps at most perSecond, and every derivation spends what it took: the last one's time when it
// starts, corrected when it ends. A nil timeShare bounds nothing.
type timeShare struct {
	mu        sync.Mutex
	perSecond time.Duration
	balance   time.Duration // may go below zero: a derivation admitted with credit may overspend it
	estimate  time.Duration // what the last derivation took
	last      time.Time
	now       func() time.Time
}

// spent reports whether the balance is used up, after earning what the time since last gave.
func (s *timeShare) spent() bool {
	if s == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.earn()
	return s.balance <= 0
}

// charge takes what the last derivation took from the balance, unless the balance is used up.
func (s *timeShare) charge() (charged time.Duration, ok bool) {
	if s == nil {
		return 0, true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.earn()
	if s.balance <= 0 {
		return 0, false
	}
	s.balance -= s.estimate
	return s.estimate, true
}

// settle corrects the balance from the charge to what the derivation took, and expects the next
// one to take as long.
func (s *timeShare) settle(charged, took time.Duration) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.earn()
	s.balance += charged - took
	if took > 0 {
		s.estimate = took
	}
}

func (s *timeShare) earn() {
	now := s.now()
	elapsed := now.Sub(s.last)
	s.last = now
	if elapsed <= 0 {
		return
	}
	s.balance = min(s.balance+time.Duration(float64(elapsed)*float64(s.perSecond)/float64(time.Second)), s.perSecond)
}
