//go:build unix

package password

import (
	"syscall"
	"time"
)

// processCPUTime is the processor time (user and system) this process has used so far; ok is
// false when the system cannot tell.
func processCPUTime() (used time.Duration, ok bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
