package password

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckPolicy(t *testing.T) {
	cases := []struct {
		name string
		pw   string
		want error
	}{
		{"11 characters", "tkq7-vmz!pw", ErrTooShort},
		{"empty", "", ErrTooShort},
		{"12 characters", "tkq7-vmz!pwx", nil},
		{"128 characters", strings.Repeat("tkq7-vmz!pwx", 10) + "abcdefgh", nil},
		{"129 characters", strings.Repeat("tkq7-vmz!pwx", 10) + "abcdefghi", ErrTooLong},
		{"no composition rules: lower case letters only", "purple elephants dance", nil},
		{"no composition rules: digits only", "830275619043", nil},
		{"spaces kept as given", "  a long passphrase  ", nil},
		{"common", "password1234", ErrCommon},
		{"common, other case", "PassWord1234", ErrCommon},
		{"common, upper case", "QWERTYUIOPAS", ErrCommon},
		{"common keyboard walk", "1qaz2wsx3edc", ErrCommon},
		{"common multi-byte", "Contraseña123", ErrCommon},
		{"one character repeated", "aaaaaaaaaaaaa", ErrRepetitive},
		{"one multi-byte character repeated", strings.Repeat("é", 14), ErrRepetitive},
		{"short pattern repeated", "xq3!xq3!xq3!xq3!", ErrRepetitive},
		{"long pattern repeated is not refused by that rule", "xq3!zxq3!zxq3!z", nil},
		{"invalid UTF-8", "valid prefix \xff\xfe then more", ErrInvalidUTF8},
		{"truncated UTF-8", "twelve chars\xc3", ErrInvalidUTF8},
		// 12 characters but 24 bytes: counted by characters, accepted.
		{"multi-byte counted by characters: 12", "ééééééééééé√", nil},
		// 11 characters but 33 bytes: refused.
		{"multi-byte counted by characters: 11", "日本語のパスワードです", ErrTooShort},
		{"multi-byte 128 accepted", strings.Repeat("日本語xy", 25) + "日本x", nil},
		{"multi-byte 129 refused", strings.Repeat("日本語xy", 25) + "日本語y", ErrTooLong},
		{"service words", "Cybersecurity#77!x", ErrContextWord},
		{"service words doubled", "EnisaEnisa1!", ErrContextWord},
		{"service word in a long phrase is fine", "my cybersecurity is purple", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Check(c.pw)
			if c.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, c.want)
		})
	}
}

func TestCheckUserWords(t *testing.T) {
	words := []string{"alice.martin@example.org", "alice.martin", "Alice Martin", "ACME", "al"}
	assert.ErrorIs(t, Check("alice.martin@example.org", words...), ErrContextWord)
	assert.ErrorIs(t, Check("Alice.Martin2024!", words...), ErrContextWord)
	assert.ErrorIs(t, Check("acme-alice martin", words...), ErrContextWord)
	assert.NoError(t, Check("alice walks seven red dogs", words...), "a user word inside a long password is fine")
	assert.NoError(t, Check("always allow all", words...), "words shorter than 3 characters are ignored")
	assert.NoError(t, Check("alice.martin@example.org", ""), "without user words")
}

func TestPolicyErrorsCarryCodes(t *testing.T) {
	var pe *PolicyError
	require.True(t, errors.As(Check("short"), &pe))
	assert.Equal(t, "password_too_short", pe.Code)
	assert.Contains(t, pe.Error(), "at least 12 characters")
	for _, e := range []*PolicyError{ErrInvalidUTF8, ErrTooShort, ErrTooLong, ErrRepetitive, ErrCommon, ErrContextWord} {
		assert.True(t, strings.HasPrefix(e.Code, "password_"), e.Code)
		assert.NotEmpty(t, e.Message)
	}
}
