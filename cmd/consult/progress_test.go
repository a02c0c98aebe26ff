package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestProgressDrawsOnATerminalOnly(t *testing.T) {
	var off, on bytes.Buffer
	for _, p := range []*progress{newProgress(&off, 200, false), newProgress(&on, 200, true)} {
		for range 200 {
			p.step()
		}
		p.done()
	}
	assert.Empty(t, off.String(), "piped: nothing extra")
	assert.Equal(t, 102, strings.Count(on.String(), "\r"), "drawn at 0%, at each whole percent, and once more at the end")
	assert.True(t, strings.HasSuffix(on.String(), "] 100% 200/200 comments\n"), on.String())
}
