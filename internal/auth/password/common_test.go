package password

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestCommonPasswordList(t *testing.T) {
	list := commonList()
	assert.GreaterOrEqual(t, len(list), 3000, "ASVS 6.2.4 asks for at least the top 3000")
	lines := 0
	for _, l := range strings.Split(commonPasswords, "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		lines++
		assert.True(t, utf8.ValidString(l), "%q", l)
		assert.Equal(t, strings.ToLower(l), l, "lower case")
		assert.Equal(t, strings.TrimSpace(l), l, "no surrounding space")
		n := utf8.RuneCountInString(l)
		assert.True(t, n >= MinLength && n <= MaxLength, "%q has %d characters", l, n)
	}
	assert.Equal(t, lines, len(list), "no duplicates")
	for _, pw := range []string{"123456789012", "qwertyuiopas", "passwordpassword", "iloveyou1234",
		"password1234", "consultconsult", "cybersecurity", "certification", "1qaz2wsx3edc",
		"summer2024!!", "football2024", "motdepasse123"} {
		assert.True(t, isCommon(pw), pw)
		assert.True(t, isCommon(strings.ToUpper(pw)), pw)
	}
	assert.False(t, isCommon("purple elephants dance"))
}
