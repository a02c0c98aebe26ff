package handlers

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestJSONDepth(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want int
	}{
		{"scalar", `"text"`, 0},
		{"flat object", `{"a":1,"b":"x"}`, 1},
		{"object in a list", `[{"a":[1,2]}]`, 3},
		{"brackets inside strings do not count", `{"a":"[[[{{{"}`, 1},
		{"an escaped quote does not end the string", `{"a":"\"[[["}`, 1},
		{"an escaped backslash does", `{"a":"\\","b":[[1]]}`, 3},
		{"deep", strings.Repeat("[", 100) + strings.Repeat("]", 100), 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, jsonDepth([]byte(tt.raw)))
		})
	}
}

func TestDecodeStrictRefusesDeepNesting(t *testing.T) {
	var dst struct {
		A any `json:"a"`
	}
	ok := `{"a":` + strings.Repeat("[", maxJSONDepth-1) + strings.Repeat("]", maxJSONDepth-1) + `}`
	assert.NoError(t, decodeStrict([]byte(ok), &dst))
	deep := `{"a":` + strings.Repeat("[", maxJSONDepth) + strings.Repeat("]", maxJSONDepth) + `}`
	err := decodeStrict([]byte(deep), &dst)
	assert.ErrorContains(t, err, "nests deeper than 64 levels")
}
