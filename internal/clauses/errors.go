package clauses

import (
	"errors"
	"strconv"
	"strings"
)

// ErrInvalidDraft is matched by every [*ParseError]: errors.Is(err, ErrInvalidDraft) tells a
// draft that cannot be turned into clauses from other failures.
var ErrInvalidDraft = errors.New("clauses: invalid draft")

// Code is a stable machine word for the kind of a [Problem].
type Code string

// The kinds of problem.
const (
	CodeEmpty           Code = "empty"            // nothing but white space
	CodeTooLarge        Code = "too_large"        // more than MaxBytes
	CodeInvalidUTF8     Code = "invalid_utf8"     // not UTF-8 text
	CodeNoHeadings      Code = "no_headings"      // no heading to make a clause of
	CodeTooManyClauses  Code = "too_many_clauses" // more than MaxClauses headings
	CodeDuplicateNumber Code = "duplicate_number" // two clauses with one number
)

// maxProblems bounds how many problems one error lists.
const maxProblems = 50

// Problem is one thing wrong with a draft.
type Problem struct {
	Code Code
	// Line is where the problem is, from 1; 0 when it concerns the whole input.
	Line int
	// Offset is the byte offset in the input for CodeInvalidUTF8, else 0.
	Offset int
	// Message says what is wrong, in a sentence fit for the person who uploaded the draft.
	Message string
}

// String renders the problem with its line.
func (p Problem) String() string {
	if p.Line > 0 {
		return "line " + strconv.Itoa(p.Line) + ": " + p.Message
	}
	return p.Message
}

// ParseError lists everything that keeps a draft from being parsed.
type ParseError struct {
	Problems []Problem
}

func (e *ParseError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	return "clauses: " + strings.Join(parts, "; ")
}

// Is reports whether target is ErrInvalidDraft.
func (e *ParseError) Is(target error) bool { return target == ErrInvalidDraft }

// Has reports whether one of the problems has the code.
func (e *ParseError) Has(code Code) bool {
	for _, p := range e.Problems {
		if p.Code == code {
			return true
		}
	}
	return false
}

// FieldError is a problem as an HTTP 422 answer lists it: {"field", "message"}.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// FieldErrors names each problem after the request field that held the draft, with the line
// in the message.
func (e *ParseError) FieldErrors(field string) []FieldError {
	out := make([]FieldError, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = FieldError{Field: field, Message: p.String()}
	}
	return out
}

func problem(code Code, line int, msg string) *ParseError {
	return &ParseError{Problems: []Problem{{Code: code, Line: line, Message: msg}}}
}
