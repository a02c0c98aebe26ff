package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"consult/internal/database"
	"consult/models"
)

// demoExport loads the demo data and gives the environment naming it and the id of its closed
// consultation, whose disposition report is published.
func demoExport(t *testing.T) ([]string, *database.DB, string) {
	t.Helper()
	dbURL := testDatabaseURL(t)
	dataDir := t.TempDir()
	env := []string{"CONSULT_DATABASE_URL=" + dbURL, "CONSULT_AUDIT_KEY=" + testAuditKey, "CONSULT_DATA_DIR=" + dataDir}
	_, stderr, code := run(t, env, "", "demo")
	require.Equal(t, 0, code, stderr)
	db, err := database.Open(dbURL, nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	var con models.Consultation
	require.NoError(t, db.DB.Where("report_published_at IS NOT NULL").First(&con).Error)
	return env, db, con.ID
}

// TestExportCommandWritesEveryFormatByThePublicationRules reads each file back with an independent
// reader: the public scope has no confidential or rejected comment, no anonymous author, only the
// redacted text, and the responses of the published report; the full scope has them all and is
// audit-logged. Piped, the command writes nothing to standard error.
func TestExportCommandWritesEveryFormatByThePublicationRules(t *testing.T) {
	env, db, id := demoExport(t)
	const confidential, redacted, original, spam = "commercially sensitive", "[personal data removed]", "Mr P. Example", "Best prices on smart cameras"
	const response = "The evaluation will check that the manufacturer acknowledges reports"
	for _, scope := range []string{"public", "all"} {
		for _, format := range []string{"csv", "json", "xlsx"} {
			t.Run(scope+"/"+format, func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "export."+format)
				stdout, stderr, code := run(t, env, "", "export", "--consultation", id, "--format", format, "--scope", scope, "-o", out)
				require.Equal(t, 0, code, stderr)
				assert.Empty(t, stdout)
				assert.Empty(t, stderr, "no progress bar when stderr is not a terminal")
				rows := readExport(t, format, out)
				text := ""
				for _, r := range rows {
					text += strings.Join(r, "\t") + "\n"
				}
				header := rows[0]
				assert.Contains(t, text, redacted)
				assert.Contains(t, text, response, "the report is published")
				if scope == "public" {
					assert.NotContains(t, text, confidential)
					assert.NotContains(t, text, original)
					assert.NotContains(t, text, spam)
					assert.NotContains(t, text, "@example")
					for _, r := range rows[1:] {
						if strings.Contains(strings.Join(r, " "), "Annex A") && strings.Contains(strings.Join(r, " "), "lists none") {
							assert.Empty(t, cell(t, header, r, format, "author_name"), "anonymous")
						}
					}
				} else {
					assert.Contains(t, text, confidential)
					assert.Contains(t, text, original)
					assert.Contains(t, text, spam)
				}
			})
		}
	}
	var n int64
	require.NoError(t, db.DB.Model(&models.AuditEvent{}).Where("action = ? AND subject_id = ? AND actor_id IS NULL", "consultation.exported", id).Count(&n).Error)
	assert.Equal(t, int64(3), n, "each full export is recorded, with the command line as actor")

	stdout, stderr, code := run(t, env, "", "export", "--consultation", id, "--format", "json")
	require.Equal(t, 0, code, stderr)
	var doc struct {
		Consultation struct{ ID string } `json:"consultation"`
		Comments     []map[string]string `json:"comments"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &doc), "standard output is the file alone")
	assert.Equal(t, id, doc.Consultation.ID)
	assert.NotEmpty(t, doc.Comments)

	pdfFile := filepath.Join(t.TempDir(), "report.pdf")
	_, stderr, code = run(t, env, "", "export", "--consultation", id, "--format", "pdf", "-o", pdfFile)
	require.Equal(t, 0, code, stderr)
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", pdfFile, "-").Output()
	require.NoError(t, err, "pdftotext (poppler-utils) reads the report back")
	assert.Contains(t, string(text), redacted, "the format table's pdf goes through package pdf")
	assert.NotContains(t, string(text), confidential)

	_, stderr, code = run(t, env, "", "export", "--consultation", id, "--format", "doc")
	assert.NotEqual(t, 0, code)
	assert.Contains(t, stderr, "--format")
	_, _, code = run(t, env, "", "export", "--consultation", models.NewID())
	assert.NotEqual(t, 0, code)
}

// cell is the value of a column in a row: by key (CSV, JSON) or heading (XLSX).
func cell(t *testing.T, header, row []string, format, key string) string {
	t.Helper()
	name := key
	if format == "xlsx" {
		name = map[string]string{"author_name": "Author"}[key]
	}
	for i, h := range header {
		if h == name {
			if i < len(row) {
				return row[i]
			}
			return ""
		}
	}
	t.Fatalf("no column %s in %v", name, header)
	return ""
}

// readExport reads an export file back as a header and rows, with encoding/csv, encoding/json or
// excelize.
func readExport(t *testing.T, format, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	switch format {
	case "csv":
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
		require.NoError(t, err)
		return rows
	case "json":
		var doc struct {
			Comments []map[string]string `json:"comments"`
		}
		require.NoError(t, json.Unmarshal(data, &doc))
		require.NotEmpty(t, doc.Comments)
		var header []string
		for k := range doc.Comments[0] {
			header = append(header, k)
		}
		rows := [][]string{header}
		for _, c := range doc.Comments {
			var r []string
			for _, k := range header {
				r = append(r, c[k])
			}
			rows = append(rows, r)
		}
		return rows
	default:
		book, err := excelize.OpenReader(bytes.NewReader(data))
		require.NoError(t, err)
		defer book.Close()
		rows, err := book.GetRows("Comments")
		require.NoError(t, err)
		return rows
	}
}
