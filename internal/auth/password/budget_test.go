package password

import (
	"context"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBudgetTurnsAwayBeyondItsQueue: with every slot busy, callers up to the queue's size wait
// and get a slot when one frees; the next caller is turned away at once with ErrBusy.
func TestBudgetTurnsAwayBeyondItsQueue(t *testing.T) {
	b := NewBudget(2, 2, time.Hour)
	var held []func(time.Duration)
	for range 2 {
		release, err := b.Acquire(context.Background())
		require.NoError(t, err)
		held = append(held, release)
	}

	got := make(chan error, 2)
	var waiters sync.WaitGroup
	for range 2 {
		waiters.Go(func() {
			release, err := b.Acquire(context.Background())
			if err == nil {
				release(0)
			}
			got <- err
		})
	}
	require.Eventually(t, func() bool { return len(b.waiting) == 2 }, 10*time.Second, time.Millisecond)

	_, err := b.Acquire(context.Background())
	assert.ErrorIs(t, err, ErrBusy, "the queue is full: turned away, not queued")

	for _, release := range held {
		release(0)
	}
	waiters.Wait()
	for range 2 {
		assert.NoError(t, <-got, "a waiter in the queue gets a slot once one frees")
	}
	assert.Zero(t, len(b.slots), "every slot given back")
	assert.Zero(t, len(b.waiting), "nobody left waiting")
}

// TestBudgetBoundsTheWait: a caller in the queue gives up with ErrBusy after the maximum wait, and
// with its context's error when the context ends first; either way it leaves the queue.
func TestBudgetBoundsTheWait(t *testing.T) {
	b := NewBudget(1, 1, 10*time.Millisecond)
	release, err := b.Acquire(context.Background())
	require.NoError(t, err)
	defer release(0)

	_, err = b.Acquire(context.Background())
	assert.ErrorIs(t, err, ErrBusy)
	assert.Zero(t, len(b.waiting))

	patient := NewBudget(1, 1, time.Hour)
	releasePatient, err := patient.Acquire(context.Background())
	require.NoError(t, err)
	defer releasePatient(0)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, err = patient.Acquire(ctx)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Zero(t, len(patient.waiting))
}

// TestBudgetWithoutQueue: a budget with no queue turns away whoever finds every slot busy.
func TestBudgetWithoutQueue(t *testing.T) {
	b := NewBudget(1, 0, time.Hour)
	release, err := b.Acquire(context.Background())
	require.NoError(t, err)
	_, err = b.Acquire(context.Background())
	assert.ErrorIs(t, err, ErrBusy)
	release(0)
	release, err = b.Acquire(context.Background())
	require.NoError(t, err, "a freed slot is taken again")
	release(0)
}

// TestHasherAnswersBusyForEveryKindOfWork: Hash, Verify and DummyVerify meet the same budget, so
// an unknown account is turned away exactly when a known one would be.
func TestHasherAnswersBusyForEveryKindOfWork(t *testing.T) {
	h := NewHasher(withParams(fast), WithBudget(NewBudget(1, 0, time.Hour)))
	enc, err := h.Hash(context.Background(), "correct horse battery")
	require.NoError(t, err)
	release, err := h.budget.Acquire(context.Background())
	require.NoError(t, err)

	_, err = h.Hash(context.Background(), "correct horse battery")
	assert.ErrorIs(t, err, ErrBusy)
	assert.ErrorIs(t, h.Verify(context.Background(), enc, "correct horse battery"), ErrBusy)
	assert.ErrorIs(t, h.DummyVerify(context.Background(), "correct horse battery"), ErrBusy)

	release(0)
	assert.NoError(t, h.Verify(context.Background(), enc, "correct horse battery"))
}

// TestBudgetSpent: the hint says "spent" exactly when every slot is busy and the queue is full.
func TestBudgetSpent(t *testing.T) {
	b := NewBudget(1, 1, time.Hour)
	assert.False(t, b.Spent())
	release, err := b.Acquire(context.Background())
	require.NoError(t, err)
	assert.False(t, b.Spent(), "the queue still has room")
	waiter := make(chan struct{})
	go func() {
		r, err := b.Acquire(context.Background())
		if err == nil {
			r(0)
		}
		close(waiter)
	}()
	require.Eventually(t, b.Spent, 10*time.Second, time.Millisecond)
	h := NewHasher(WithBudget(b))
	assert.True(t, h.Busy())
	release(0)
	<-waiter
	assert.False(t, b.Spent())
}

// TestBudgetShareBoundsProcessorTime: with a share, derivations may spend one second's worth of
// processor time at once; then callers are turned away until time passing has earned more, and
// no more than one second's worth is ever saved up. A derivation is charged, when admitted, what
// the last one took, so that callers arriving while it runs find the share used up already.
func TestBudgetShareBoundsProcessorTime(t *testing.T) {
	b := NewBudget(4, 0, time.Second).LimitShare(0.25)
	now := time.Now()
	b.share.now = func() time.Time { return now }
	b.share.last = now
	perSecond := b.share.perSecond
	require.Positive(t, perSecond)

	release, err := b.Acquire(context.Background())
	require.NoError(t, err, "a fresh budget has a second's worth to spend")
	release(perSecond)
	assert.True(t, b.Spent())
	_, err = b.Acquire(context.Background())
	require.ErrorIs(t, err, ErrBusy, "the share is used up although every slot is free")

	now = now.Add(100 * time.Millisecond)
	release, err = b.Acquire(context.Background())
	require.NoError(t, err, "a tenth of a second earned a tenth of the share")
	assert.True(t, b.Spent(), "charged, on admission, what the last derivation took")
	_, err = b.Acquire(context.Background())
	require.ErrorIs(t, err, ErrBusy, "turned away while the admitted derivation runs")
	release(perSecond / 10)
	assert.True(t, b.Spent(), "settled at what it took")

	now = now.Add(time.Hour)
	assert.False(t, b.Spent())
	release, err = b.Acquire(context.Background())
	require.NoError(t, err)
	release(0)
	assert.False(t, b.Spent(), "a slot given back unused costs nothing")
	release, err = b.Acquire(context.Background())
	require.NoError(t, err)
	release(perSecond)
	assert.True(t, b.Spent(), "an hour of idleness saved up one second's worth, no more")
}

// TestBudgetShareBounds: shares of 0 and 1 (and beyond) set no bound on processor time.
func TestBudgetShareBounds(t *testing.T) {
	for _, share := range []float64{-1, 0, 1, 2} {
		assert.Nil(t, NewBudget(1, 0, time.Second).LimitShare(share).share, share)
	}
	assert.NotNil(t, NewBudget(1, 0, time.Second).LimitShare(0.5).share)
}

// TestBudgetChargesProcessorTimeNotWaiting: a derivation that waits, as one does on a machine
// whose processors other programs keep busy, is charged the processor time this process used
// over it, not its wall time; so one slow registration does not turn the next sign-in away.
func TestBudgetChargesProcessorTimeNotWaiting(t *testing.T) {
	if _, ok := processCPUTime(); !ok {
		t.Skip("this system does not tell a process's processor time")
	}
	waiting := func(pw, salt []byte, p Params) []byte {
		time.Sleep(300 * time.Millisecond)
		return idKey(pw, salt, p)
	}
	budget := NewBudget(1, 0, time.Second).LimitShare(0.05 / float64(runtime.GOMAXPROCS(0))) // 50 ms a second
	h := NewHasher(withParams(fast), WithBudget(budget), withKDF(waiting))

	_, err := h.Hash(context.Background(), "correct horse battery")
	require.NoError(t, err)
	assert.False(t, budget.Spent(), "300 ms of waiting spent a 50 ms share")
	_, err = h.Hash(context.Background(), "correct horse battery")
	assert.NoError(t, err)
}
