package password

import (
	"strings"
	"unicode/utf8"
)

// Length limits of the policy, in characters (Unicode code points).
const (
	MinLength = 12
	MaxLength = 128
)

// PolicyError is a password policy violation. Code is stable, for API clients; Message tells the
// person what to do, and never repeats the password.
type PolicyError struct {
	Code    string
	Message string
}

func (e *PolicyError) Error() string { return e.Message }

// The policy violations Check returns; compare with errors.Is, or use errors.As to get the code.
var (
	ErrInvalidUTF8 = &PolicyError{"password_invalid_encoding",
		"The password contains bytes that are not valid UTF-8 text; type it again or use other characters."}
	ErrTooShort = &PolicyError{"password_too_short",
		"Use at least 12 characters. A few unrelated words make a long password that is easy to remember."}
	ErrTooLong = &PolicyError{"password_too_long",
		"Use at most 128 characters."}
	ErrRepetitive = &PolicyError{"password_repetitive",
		"Do not use one character or a short pattern repeated; choose something harder to guess."}
	ErrCommon = &PolicyError{"password_common",
		"This password is too common and would be guessed quickly; choose another one."}
	ErrContextWord = &PolicyError{"password_context",
		"The password is mostly your name, your e-mail address or the name of this service; add more of your own."}
)

// contextWords are words specific to this service that a password must not mostly consist of
// (OWASP ASVS 5.0 requirement 6.2.11). The generated list of common passwords also combines them
// with years and digits.
var contextWords = []string{
	"consultation", "consult", "cybersecurity", "cyber", "security", "certification", "certify",
	"enisa", "eucc", "eucs", "scheme", "password", "passwort", "motdepasse", "wachtwoord",
	"europe", "european", "brussels", "bruxelles", "brussel",
}

// Check applies the policy for a new password and returns nil or a *PolicyError. userWords are
// words specific to the account (its e-mail address, the local part of it, the display name,
// the organisation); a password that is mostly those words, or words specific to this service,
// is refused. The password is examined exactly as given: no trimming or normalisation, and any
// composition of characters is allowed.
func Check(pw string, userWords ...string) error {
	if !utf8.ValidString(pw) {
		return ErrInvalidUTF8
	}
	n := utf8.RuneCountInString(pw)
	if n < MinLength {
		return ErrTooShort
	}
	if n > MaxLength {
		return ErrTooLong
	}
	if repetitive(pw) {
		return ErrRepetitive
	}
	if isCommon(pw) {
		return ErrCommon
	}
	if mostlyContext(pw, userWords) {
		return ErrContextWord
	}
	return nil
}

// maxPatternLen is the longest unit whose repetition counts as repetitive ("abcabcabcabc").
const maxPatternLen = 4

// repetitive reports whether pw is one unit of up to maxPatternLen characters repeated.
func repetitive(pw string) bool {
	r := []rune(pw)
	for unit := 1; unit <= maxPatternLen && unit < len(r); unit++ {
		if len(r)%unit != 0 {
			continue
		}
		same := true
		for i := unit; i < len(r) && same; i++ {
			same = r[i] == r[i-unit]
		}
		if same {
			return true
		}
	}
	return false
}

// minContextWordLen ignores user words too short to matter (initials, "al").
const minContextWordLen = 3

// mostlyContext reports whether fewer than MinLength characters remain once every occurrence of
// the user's words and the service's words is removed (case-insensitively): "alice@example.org",
// "Alice2024Alice!" and "Cybersecurity2024" are refused, "alice walks seven red dogs" is not.
func mostlyContext(pw string, userWords []string) bool {
	rest := strings.ToLower(pw)
	for _, list := range [][]string{userWords, contextWords} {
		for _, w := range list {
			w = strings.ToLower(strings.TrimSpace(w))
			if utf8.RuneCountInString(w) >= minContextWordLen {
				rest = strings.ReplaceAll(rest, w, "")
			}
		}
	}
	return utf8.RuneCountInString(rest) < MinLength
}
