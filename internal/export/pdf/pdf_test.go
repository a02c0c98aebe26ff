package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"consult/models"
)

// pdfText reads a PDF back with poppler's pdftotext; it skips when the tool is missing, except
// under CI, where it fails.
func pdfText(t testing.TB, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext (Debian poppler-utils) is missing")
		}
		t.Skip("pdftotext (Debian poppler-utils) is missing: install poppler-utils to read PDFs back")
	}
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// fixture is a report of n comments, yielded in clause order as Render requires.
func fixture(n int) (Report, func(func(*models.ExportRow) error) error) {
	opens := time.Date(2027, 3, 1, 8, 0, 0, 0, time.UTC)
	clauses := []models.Clause{{Number: "1", Heading: "Scope"}, {Number: "2", Heading: "Ελληνικά σχόλια"}, {Number: "3", Heading: "Изисквания"}}
	r := Report{
		Consultation: &models.Consultation{Title: "Managed security services, first draft", OpensAt: opens, ClosesAt: opens.AddDate(0, 1, 0)},
		Source: &models.ExportSource{Scheme: models.Scheme{Title: "EUCS-MSS"},
			Document: models.Document{Title: "Draft scheme", VersionLabel: "0.9"}, Clauses: clauses},
		Layout:      models.ExportLayout{Scope: models.ScopePublic, Dispositions: true},
		Summary:     &models.Summary{Total: n, ByStakeholderType: map[string]int{"industry": n}, ByCountry: map[string]int{"BG": n}, ByClause: map[string]int{"3": n}, ByCommentType: map[string]int{"technical": n}, ByResolution: map[string]int{"accepted": n}},
		GeneratedAt: opens.AddDate(0, 2, 0),
	}
	text := strings.Repeat("Příliš žluťoučký kůň úpěl ďábelské ódy; Ελληνικά σχόλια; Български коментар. ", 4)
	each := func(fn func(*models.ExportRow) error) error {
		for i := range n {
			row := &models.ExportRow{TrackingNumber: fmt.Sprintf("MSS-2027-%08d", i), ClauseNumber: clauses[i*len(clauses)/n].Number, CommentType: "technical",
				Comment: text, ProposedChange: "Replace “shall” by “should”.", StakeholderType: "industry", Country: "BG",
				SubmittedAt: opens, Resolution: "partially_accepted", Response: "Ответ на коментара."}
			if err := fn(row); err != nil {
				return err
			}
		}
		return nil
	}
	return r, each
}

func TestRenderReadsBack(t *testing.T) {
	r, each := fixture(30)
	doc, err := render(r, each, 20)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := doc.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	got := pdfText(t, buf.Bytes())
	for _, want := range []string{"EUCS-MSS", "Managed security services, first draft", "version 0.9", "1 March 2027 09:00 CET",
		"Contents", "Summary", "By stakeholder type", "Ελληνικά σχόλια", "Български коментар", "žluťoučký", "Ответ на коментара.",
		"partially accepted", "first 20 of 30 comments", "Page 2 of", "2 Ελληνικά σχόλια"} {
		if !strings.Contains(got, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}
