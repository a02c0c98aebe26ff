package models

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSafeFileName(t *testing.T) {
	for in, want := range map[string]string{
		"invoice\u202Efdp.exe":               "invoicefdp.exe.pdf",
		"\u202Aa\u202Bb\u202Cc\u202Dd.pdf":   "abcd.pdf",
		"\u2066x\u2067y\u2068z\u2069.pdf":    "xyz.pdf",
		"left\u200Eright\u200Fmark.pdf":      "leftrightmark.pdf",
		"arabic\u061Cmark.pdf":               "arabicmark.pdf",
		"zero\u200Bwidth\uFEFF.pdf":          "zerowidth.pdf",
		"line\u2028para\u2029sep.pdf":        "lineparasep.pdf",
		"tab\tnew\nline\x00.pdf":             "tabnewline.pdf",
		`..\..\evil"; x=.pdf`:                "evil x=.pdf",
		"../../etc/passwd":                   "passwd.pdf",
		"..":                                 "attachment.pdf",
		"\u202E":                             "attachment.pdf",
		"Position paper — Δ.PDF":             "Position paper — Δ.PDF",
		"Stellungnahme zum Entwurf (v2).pdf": "Stellungnahme zum Entwurf (v2).pdf",
	} {
		assert.Equal(t, want, SafeFileName(in, ".pdf"), "%q", in)
	}
}
