package demo

import (
	"fmt"
	"strings"

	"consult/models"
)

// quoteContext is how many characters of the clause around a quote go into its prefix and suffix.
const quoteContext = 32

// quoteIn anchors exact to its first occurrence in body, with up to quoteContext characters of
// the text before and after it, as the web app sends a selection.
func quoteIn(body, exact string) (*models.Quote, error) {
	i := strings.Index(body, exact)
	if i < 0 {
		return nil, fmt.Errorf("%q does not occur in it", exact)
	}
	before, after := []rune(body[:i]), []rune(body[i+len(exact):])
	return &models.Quote{
		Exact:  exact,
		Prefix: string(before[max(0, len(before)-quoteContext):]),
		Suffix: string(after[:min(len(after), quoteContext)]),
	}, nil
}
