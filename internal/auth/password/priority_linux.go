package password

import (
	"errors"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// lowerPriority puts every thread of this process under SCHED_IDLE, the policy of work that runs
// only when nothing else wants the processor: a waking thread of any other policy preempts it at
// once, whichever process or control group it belongs to, where a nice value only orders the
// threads of one group (the kernel's autogroups put a server and its database in different ones).
// A derivation still progresses on a saturated machine, slowly. On Linux the policy belongs to a
// thread and a new thread inherits its creator's: once every existing thread is lowered, the Go
// runtime's later threads are too. Threads started while the list was read are caught by reading
// it again until a pass finds nothing left to lower.
func lowerPriority() error {
	for range 10 {
		tasks, err := os.ReadDir("/proc/self/task")
		if err != nil {
			return err
		}
		lowered := 0
		for _, t := range tasks {
			tid, err := strconv.Atoi(t.Name())
			if err != nil {
				continue
			}
			if attr, err := unix.SchedGetAttr(tid, 0); err == nil && attr.Policy == unix.SCHED_IDLE {
				continue
			}
			attr := &unix.SchedAttr{Policy: unix.SCHED_IDLE}
			if err := unix.SchedSetAttr(tid, attr, 0); err != nil && !errors.Is(err, unix.ESRCH) {
				return err
			}
			lowered++
		}
		if lowered == 0 {
			return nil
		}
	}
	return nil
}
