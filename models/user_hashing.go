package models

import (
	"errors"
	"time"

	"consult/internal/auth/password"
)

// hashingRetryAfter is how long a caller turned away by the hashing budget is told to wait: the
// budget's queue drains, and its share of processor time earns back one derivation's worth (about
// 150 ms at the default share on 2 cores), in well under a second.
const hashingRetryAfter = time.Second

// errHashingBusy answers password work that found the process's hashing budget spent: 503 with
// Retry-After instead of a queue without bound, so a flood of sign-ins cannot starve the rest.
var errHashingBusy = &Error{Code: CodeOverloaded, Message: "the server is busy checking passwords; try again shortly", RetryAfter: hashingRetryAfter}

// hashingFailure turns a password.ErrBusy into errHashingBusy and leaves other errors as they are.
func hashingFailure(err error) error {
	if errors.Is(err, password.ErrBusy) {
		return errHashingBusy
	}
	return err
}
