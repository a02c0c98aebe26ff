package export

import (
	"encoding/xml"
	"io"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// writeCellText writes s as the text of an XLSX cell, which reads back as s: escaped for XML (a
// character XML cannot hold becomes U+FFFD), every "_xHHHH_" kept literal (spreadsheets read it as
// the escaped character HHHH, so its underscore is written as the escape of an underscore,
// "_x005F_"), and cut at the 32,767 characters a cell holds, as excelize does.
func writeCellText(w io.Writer, s string) error {
	s = cutToCellLength(s)
	for {
		at := nextEscapeLike(s)
		if at < 0 {
			return xml.EscapeText(w, []byte(s))
		}
		if err := xml.EscapeText(w, []byte(s[:at])); err != nil {
			return err
		}
		if _, err := io.WriteString(w, "_x005F_"); err != nil {
			return err
		}
		s = s[at+1:]
	}
}

// nextEscapeLike is the index of the first "_xHHHH_" in s (H a hexadecimal digit), or -1.
func nextEscapeLike(s string) int {
	for from := 0; ; {
		i := strings.Index(s[from:], "_x")
		if i < 0 {
			return -1
		}
		at := from + i
		if at+7 <= len(s) && s[at+6] == '_' && isHex(s[at+2:at+6]) {
			return at
		}
		from = at + 1
	}
}

func isHex(s string) bool {
	for _, c := range []byte(s) {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') && (c < 'A' || c > 'F') {
			return false
		}
	}
	return true
}

// cutToCellLength cuts s to the characters (UTF-16 code units, as spreadsheets count) a cell holds.
func cutToCellLength(s string) string {
	if len(s) <= excelize.TotalCellChars { // fewer bytes than the limit: fewer units too
		return s
	}
	units := 0
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > excelize.TotalCellChars {
			return s[:i]
		}
	}
	return s
}
