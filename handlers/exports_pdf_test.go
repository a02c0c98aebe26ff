package handlers_test

import (
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"consult/api/apitest"
	"consult/models"
)

// pdfToText reads a PDF back with poppler's pdftotext (Debian poppler-utils, which .ci/run
// installs). Without it the test is skipped with a message, except under CI=true, where it fails.
func pdfToText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is missing: .ci/run must install poppler-utils")
		}
		t.Skip("pdftotext is missing: install Debian's poppler-utils to read the PDF report back")
	}
	require.True(t, bytes.HasPrefix(pdf, []byte("%PDF-")), "a PDF file")
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	require.NoError(t, err, "pdftotext")
	return string(out)
}

// authorLines are the report's "Author: ..." lines, one a comment.
func authorLines(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "Author: ") {
			out = append(out, line)
		}
	}
	return out
}

func TestPDFReportHonoursThePublicationRulesInBothScopes(t *testing.T) {
	f, _ := exportFixture(t)
	for _, c := range []map[string]any{
		{"publication": "public_anonymous", "language": "el", "body": "Ελληνικά σχόλια για την ενότητα.", "proposed_change": ""},
		{"publication": "public_anonymous", "language": "bg", "body": "Български коментар към раздела.", "proposed_change": ""},
	} {
		id := f.create(t, f.stake, c)
		require.Equal(t, http.StatusOK, f.moderate(f.mod, id, map[string]any{"action": "publish", "version": 1}).Code)
	}
	redacted := f.create(t, f.stake, map[string]any{"publication": "public_named", "body": "Ring Jane Roe on her mobile.", "proposed_change": ""})
	rec := f.moderate(f.mod, redacted, map[string]any{"action": "redact", "reason_code": "personal_data", "redacted_body": "Ring [withheld].", "version": 1})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	path := "/api/v1/consultations/" + f.consultationID + "/export?format=pdf"
	assert.Equal(t, http.StatusConflict, f.env.Get(path).Code, "the public report opens when the window closes")
	f.env.Clock.Set(f.closes)

	get := func(u *apitest.User, query string) string {
		t.Helper()
		rec := f.get(u, path+query)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		assert.Equal(t, "application/pdf", rec.Header().Get("Content-Type"))
		assert.Regexp(t, `^attachment; filename="consultation-.+\.pdf"$`, rec.Header().Get("Content-Disposition"))
		return pdfToText(t, rec.Body.Bytes())
	}
	before := get(nil, "")
	assert.NotContains(t, before, "Changed to 18 hours.", "no response before the report is published")
	assert.NotContains(t, before, "Resolution\n")

	f.publishReport(t)
	public := get(nil, "&scope=public")
	for _, want := range []string{"Consultation on the MSS draft", "Contents", "Summary", "By stakeholder type", "By country", "By clause",
		"Comments, clause by clause", "Changed to 18 hours.", "Ring [withheld].", "Page 2 of",
		"Ελληνικά σχόλια για την ενότητα.", "Български коментар към раздела."} {
		assert.Contains(t, public, want)
	}
	assert.NotContains(t, public, "confidential", "a confidential comment never appears in public")
	assert.NotContains(t, public, "Spam spam", "a rejected comment never appears")
	assert.NotContains(t, public, "Jane Roe", "only the redacted text")
	authors := authorLines(public)
	named := 0
	for _, line := range authors {
		if strings.Contains(line, "Test stakeholder") {
			named++
		} else {
			assert.Contains(t, line, "not named", "an anonymous comment shows no author")
		}
	}
	assert.Equal(t, 2, named, "the two public_named comments name their author")

	f.env.Login(f.mod) // the access token from before the window closed has expired
	all := get(f.mod, "&scope=all")
	assert.Contains(t, all, "confidential")
	assert.Contains(t, all, "Jane Roe", "staff see the original text")
	assert.Contains(t, all, "Spam spam")
	for _, line := range authorLines(all) {
		assert.Contains(t, line, "Test stakeholder", "staff see every author")
	}
	var n int64
	f.env.DB.Model(&models.AuditEvent{}).Where("action = ?", "consultation.exported").Count(&n)
	assert.Equal(t, int64(1), n, "the full report is audit-logged")
}
