package models

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// FuzzDecodeIDCursor checks that no cursor makes decoding panic, that a refused one is the
// cursor's 422, and that an accepted one is an id in the form ids are stored in.
func FuzzDecodeIDCursor(f *testing.F) {
	for _, s := range []string{NewID(), strings.ToUpper(NewID()), "", "not-an-id", "{" + NewID() + "}", "urn:uuid:" + NewID(), strings.ReplaceAll(NewID(), "-", "")} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cursor string) {
		id, err := decodeIDCursor(cursor)
		if err != nil {
			checkCursorError(t, err)
			return
		}
		if parsed, perr := uuid.Parse(id); perr != nil || parsed.String() != id {
			t.Fatalf("cursor %q decoded to %q, not a stored id's form", cursor, id)
		}
	})
}

// FuzzDecodeSeqCursor checks the audit trail's cursor: a positive sequence number written in
// decimal, anything else the cursor's 422.
func FuzzDecodeSeqCursor(f *testing.F) {
	for _, s := range []string{"1", "42", "0", "-1", "+7", "007", "9223372036854775807", "9223372036854775808", "1e3", " 1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cursor string) {
		seq, err := decodeSeqCursor(cursor)
		if err != nil {
			checkCursorError(t, err)
			return
		}
		if seq < 1 {
			t.Fatalf("cursor %q decoded to %d", cursor, seq)
		}
		if back, _ := strconv.ParseInt(cursor, 10, 64); back != seq {
			t.Fatalf("cursor %q decoded to %d", cursor, seq)
		}
	})
}

func checkCursorError(t *testing.T, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeValidationFailed || len(e.Fields) != 1 || e.Fields[0].Field != "cursor" {
		t.Fatalf("not the cursor's validation error: %#v", err)
	}
}
