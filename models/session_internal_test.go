package models

import (
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm/schema"
)

// TestActiveUserQueryReadsEveryUserColumn: ActiveUser scans its query's columns into User's fields
// in order, so the query must name every column of User, in field order; a field added to User
// fails here instead of staying empty on every signed-in request.
func TestActiveUserQueryReadsEveryUserColumn(t *testing.T) {
	s, err := schema.Parse(&User{}, &sync.Map{}, schema.NamingStrategy{})
	require.NoError(t, err)
	var named []string
	selected, _, _ := strings.Cut(activeUserQuery, "FROM")
	for _, m := range regexp.MustCompile(`\bu\.(\w+)`).FindAllStringSubmatch(selected, -1) {
		named = append(named, m[1])
	}
	assert.Equal(t, s.DBNames, named, "the columns of %s", strings.Join(s.DBNames, ", "))
}
