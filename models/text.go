package models

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The checks of the texts people write, shared by every command that stores one.

// checkText validates a one-line text (a name, a title): valid UTF-8, no control characters,
// bounded in characters.
func checkText(field, value string, required bool, maxRunes int) *FieldError {
	return checkString(field, value, required, maxRunes, isControl)
}

// checkLongText validates a multi-line text (a comment, a response): like checkText, but tabs
// and line breaks are allowed. The text is kept byte for byte.
func checkLongText(field, value string, required bool, maxRunes int) *FieldError {
	return checkString(field, value, required, maxRunes, func(r rune) bool {
		return isControl(r) && r != '\n' && r != '\r' && r != '\t'
	})
}

func checkString(field, value string, required bool, maxRunes int, forbidden func(rune) bool) *FieldError {
	switch {
	case required && strings.TrimSpace(value) == "":
		return &FieldError{Field: field, Message: "is required"}
	case !utf8.ValidString(value):
		return &FieldError{Field: field, Message: "is not valid UTF-8 text"}
	case utf8.RuneCountInString(value) > maxRunes:
		return &FieldError{Field: field, Message: fmt.Sprintf("is longer than %d characters", maxRunes)}
	case strings.ContainsFunc(value, forbidden):
		return &FieldError{Field: field, Message: "contains control characters"}
	}
	return nil
}

// isControl reports the C0 control characters and DEL.
func isControl(r rune) bool { return r < 0x20 || r == 0x7f }
