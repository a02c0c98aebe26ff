package models

// Hooks for the external tests of this package (package models_test), which cannot reach
// unexported names and cannot be internal tests because internal/testutil imports models.

// RandomTrackingCode is randomTrackingCode.
func RandomTrackingCode() string { return randomTrackingCode() }

// SetRandomTrackingCode replaces the tracking code generator until restore is called.
func SetRandomTrackingCode(f func() string) (restore func()) {
	original := randomTrackingCode
	randomTrackingCode = f
	return func() { randomTrackingCode = original }
}

// InsertWithTrackingNumbers is insertWithTrackingNumbers.
var InsertWithTrackingNumbers = insertWithTrackingNumbers

// NewCommentRow is newCommentRow.
var NewCommentRow = newCommentRow
