package pdf

import (
	"bytes"
	"testing"

	"consult/models"
)

// TestRenderTakesTextOutsideTheFont: characters Noto Sans lacks (emoji, CJK, control characters)
// leave gaps in the print but never fail the report.
func TestRenderTakesTextOutsideTheFont(t *testing.T) {
	r, _ := fixture(1)
	each := func(fn func(*models.ExportRow) error) error {
		return fn(&models.ExportRow{TrackingNumber: "MSS-2027-ODD", ClauseNumber: "9.9", CommentType: "editorial",
			Comment: "Emoji 😀, 漢字, bell \a, tab\there, a (parenthesis) and a back\\slash.", ProposedChange: "\r\n"})
	}
	doc, err := render(r, each, 10)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := doc.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if got := pdfText(t, buf.Bytes()); !bytes.Contains([]byte(got), []byte("a (parenthesis) and a back\\slash.")) {
		t.Errorf("the comment's text is lost:\n%s", got)
	}
}
