//go:build !linux

package password

// lowerPriority leaves the priority as it is where threads have no idle scheduling policy of
// Linux's kind: the workers still keep the derivations' memory out of the server.
func lowerPriority() error { return nil }
