package passwords

import (
	"bufio"
	_ "embed"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Length limits of the policy, in characters (Unicode code points).
const (
	MinLength = 12
	MaxLength = 128
)

//go:embed common-passwords.txt
var commonList string

var common = func() map[string]bool {
	m := map[string]bool{}
	s := bufio.NewScanner(strings.NewReader(commonList))
	for s.Scan() {
		if line := s.Text(); line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m
}()

// PolicyError says why a new password is refused, in words a person can act on.
type PolicyError struct{ Reason string }

func (e *PolicyError) Error() string { return e.Reason }

// Check applies the policy to a new password: 12 to 128 characters, valid text, not a single
// repeated character, not in the list of common passwords. There are no composition rules.
func Check(password string) error {
	if !utf8.ValidString(password) {
		return &PolicyError{"must be valid UTF-8 text"}
	}
	n := utf8.RuneCountInString(password)
	if n < MinLength {
		return &PolicyError{"must be at least " + strconv.Itoa(MinLength) + " characters long; a phrase of several words is easy to remember"}
	}
	if n > MaxLength {
		return &PolicyError{"must be at most " + strconv.Itoa(MaxLength) + " characters long"}
	}
	first, _ := utf8.DecodeRuneInString(password)
	if strings.Trim(password, string(first)) == "" {
		return &PolicyError{"must not be one character repeated"}
	}
	if common[strings.ToLower(password)] {
		return &PolicyError{"is too common: it appears in lists that attackers try first; choose another"}
	}
	return nil
}
