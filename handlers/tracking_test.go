package handlers_test

import (
	"net/http"
	"regexp"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
)

// trackingNumberPattern is SCHEME-YEAR-XXXX-XXXX with XXXX in Crockford's base32 (no I, L, O, U).
var trackingNumberPattern = regexp.MustCompile(`^[A-Z0-9-]{1,12}-\d{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$`)

// TestTrackingNumbersRevealNothing submits comments one after the other: their numbers are
// short and readable, all different, and do not follow the order of submission, so a gap in the
// public list cannot show that a hidden comment exists.
func TestTrackingNumbersRevealNothing(t *testing.T) {
	f := newCommentFixture(t)
	var numbers []string
	for range 20 {
		rec := f.submit(f.stake, goodComment(f.clause341), nil)
		require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
		var c struct {
			TrackingNumber string `json:"tracking_number"`
		}
		apitest.DecodeJSON(t, rec, &c)
		assert.Regexp(t, trackingNumberPattern, c.TrackingNumber)
		assert.LessOrEqual(t, len(c.TrackingNumber), 22, "short enough to read out")
		numbers = append(numbers, c.TrackingNumber)
	}
	seen := map[string]bool{}
	for _, n := range numbers {
		assert.False(t, seen[n], "tracking number %s given twice", n)
		seen[n] = true
	}
	sorted := append([]string(nil), numbers...)
	sort.Strings(sorted)
	assert.NotEqual(t, sorted, numbers, "tracking numbers follow the order of submission: they count")
}
