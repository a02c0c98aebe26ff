package password

import (
	"context"
	"errors"
	"runtime"
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
// maximum wait; it returns the function that gives the slot back. It returns ErrBusy when the
// budget is spent and the context's error when ctx ends first.
func (b *Budget) Acquire(ctx context.Context) (release func(), err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	select {
	case b.slots <- struct{}{}:
		return b.release, nil
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
		return b.release, nil
	case <-timer.C:
		return nil, ErrBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Spent reports whether a caller would be turned away now: every slot busy and the queue full. It
// is a hint for skipping work that only leads to a hash; Acquire decides.
func (b *Budget) Spent() bool {
	return len(b.slots) == cap(b.slots) && len(b.waiting) == cap(b.waiting)
}

func (b *Budget) release() { <-b.slots }
