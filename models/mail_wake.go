package models

// mailQueued tells the outbox worker of this process that a mail was queued, so that it sends
// at once instead of at its next tick: receipts then leave a moment after their comment, spread
// over time, rather than in a burst every tick that held up the requests arriving meanwhile. It
// holds one wake-up; more coalesce, and a missed one only waits for the tick.
var mailQueued = make(chan struct{}, 1)

// MailQueued is where the outbox worker waits for a mail queued by this process.
func MailQueued() <-chan struct{} { return mailQueued }

// wakeMailWorker tells the worker that a mail has been queued (committed).
func wakeMailWorker() {
	select {
	case mailQueued <- struct{}{}:
	default:
	}
}
