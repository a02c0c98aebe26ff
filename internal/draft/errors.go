package draft

import (
	"strconv"
	"strings"
)

// Problem is one thing wrong with a draft, at a line (0 when it concerns the whole file).
type Problem struct {
	Line    int
	Message string
}

// ParseError lists everything wrong with a draft.
type ParseError struct {
	Problems []Problem
}

func (e *ParseError) Error() string {
	parts := make([]string, 0, len(e.Problems))
	for _, p := range e.Problems {
		if p.Line > 0 {
			parts = append(parts, "line "+strconv.Itoa(p.Line)+": "+p.Message)
		} else {
			parts = append(parts, p.Message)
		}
	}
	return "draft: " + strings.Join(parts, "; ")
}
