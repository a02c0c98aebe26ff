package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"consult/models"
)

// TestWriteToStreamsPageByPage: most of the file (all but the fonts and the last buffer) is out before the last comment is read,
// so a report holds a page in memory, not the document; and the last page knows it is the last.
func TestWriteToStreamsPageByPage(t *testing.T) {
	const n = 1000
	r, rows := fixture(n)
	var buf bytes.Buffer
	var atLastRow int
	each := func(fn func(*models.ExportRow) error) error {
		i := 0
		return rows(func(row *models.ExportRow) error {
			if i++; i == n {
				atLastRow = buf.Len()
			}
			return fn(row)
		})
	}
	doc, err := render(r, each, n)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := doc.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if atLastRow < buf.Len()/2 {
		t.Errorf("%d of %d bytes were written before the last comment was read", atLastRow, buf.Len())
	}
	last := fmt.Sprintf("Page %d of %d", doc.l.pages, doc.l.pages)
	if got := pdfText(t, buf.Bytes()); !strings.Contains(got, last) {
		t.Errorf("the report lacks %q", last)
	}
}
