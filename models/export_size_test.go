package models_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/internal/export"
	"consult/models"
)

func TestCheckExportSizeRefusesMoreCommentsThanASheetHolds(t *testing.T) {
	xlsx := export.Formats["xlsx"]
	for _, tc := range []struct {
		format string
		total  int
		refuse bool
	}{
		{"xlsx", 1_048_575, false},
		{"xlsx", 1_048_576, true},
		{"csv", 5_000_000, false},
		{"json", 5_000_000, false},
	} {
		err := models.CheckExportSize(tc.format, export.Formats[tc.format], export.Head{Summary: export.Summary{Total: tc.total}})
		if !tc.refuse {
			assert.NoError(t, err, "%s of %d", tc.format, tc.total)
			continue
		}
		var invalid *models.Error
		require.ErrorAs(t, err, &invalid)
		assert.Equal(t, models.CodeValidationFailed, invalid.Code)
		assert.Equal(t, "1048576 comments are more than xlsx holds (1048575): csv and json hold any number", invalid.Message)
		assert.Equal(t, "format", invalid.Fields[0].Field)
		assert.Equal(t, 1_048_575, xlsx.MaxRows)
	}
}
