package handlers_test

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"consult/internal/commenttemplate/templatetest"
)

// importChildEnv names the file a re-executed test binary imports (see importInChild).
const importChildEnv = "CONSULT_TEST_IMPORT_CHILD"

var childReport = regexp.MustCompile(`import-child status=(\d+) elapsed_ms=(\d+) peak_before_kb=(\d+) peak_kb=(\d+)`)

// TestTemplateBombIsRefusedFastInLittleMemory imports crafted workbooks in a child process (this
// test binary run again), so that the peak memory measured is that of a process that did the
// import and nothing else, as the kernel counts it: the child's VmHWM (peak resident set) read
// from /proc at the end. (The ru_maxrss that wait4 reports for the child is no good here: Go
// starts children with CLONE_VM, and exec records the parent's peak as the child's.) A 250 MB
// sheet packed in a few hundred kilobytes, once honest about its size and once lying in its zip
// directory, and 250 MB of shared strings, are each refused with 413 within 2 s and the process never holds 200 MB; a legitimate
// workbook of 5,000 comments is imported in the same budget of memory. The child is built
// without the race detector, whose overhead would measure itself, not the import.
func TestTemplateBombIsRefusedFastInLittleMemory(t *testing.T) {
	if path := os.Getenv(importChildEnv); path != "" {
		importInChild(t, path)
		return
	}
	const maxRSS = 200 << 20
	dir := t.TempDir()
	bin := importChildBinary(t, dir)
	for _, tc := range []struct {
		name    string
		content []byte
		status  int
		fast    bool
	}{
		{"bomb", templatetest.Bomb(250<<20, false), http.StatusRequestEntityTooLarge, true},
		{"bomb lying about its size", templatetest.Bomb(250<<20, true), http.StatusRequestEntityTooLarge, true},
		{"shared-strings bomb", templatetest.SharedStringsBomb(250 << 20), http.StatusRequestEntityTooLarge, true},
		{"5,000 comments", fiveThousandComments(t), http.StatusCreated, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Less(t, len(tc.content), 1<<20)
			path := filepath.Join(dir, tc.name+".xlsx")
			require.NoError(t, os.WriteFile(path, tc.content, 0o600))
			cmd := exec.Command(bin, "-test.run=^TestTemplateBombIsRefusedFastInLittleMemory$", "-test.count=1", "-test.v")
			cmd.Env = append(os.Environ(), importChildEnv+"="+path)
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s", out)
			m := childReport.FindSubmatch(out)
			require.NotNil(t, m, "%s", out)
			status, _ := strconv.Atoi(string(m[1]))
			ms, _ := strconv.Atoi(string(m[2]))
			before, _ := strconv.Atoi(string(m[3]))
			peakKB, _ := strconv.Atoi(string(m[4]))
			peak := int64(peakKB) << 10
			t.Logf("%d KB upload: %d in %d ms; child peak RSS %d MB (%d MB before the import)", len(tc.content)>>10, status, ms, peak>>20, before>>10)
			assert.Equal(t, tc.status, status)
			assert.Less(t, peak, int64(maxRSS), "peak memory of the importing process")
			if tc.fast {
				assert.Less(t, time.Duration(ms)*time.Millisecond, 2*time.Second)
			}
		})
	}
}

// importChildBinary returns a test binary of this package built without the race detector: this
// one when it is, else a fresh build, since the race detector's shadow memory alone takes more
// than the budget measured here.
func importChildBinary(t *testing.T, dir string) string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "-race" && s.Value == "true" {
				bin := filepath.Join(dir, "handlers.test")
				out, err := exec.Command("go", "test", "-c", "-o", bin, ".").CombinedOutput()
				require.NoError(t, err, "building the test binary without -race: %s", out)
				return bin
			}
		}
	}
	return os.Args[0]
}

// importInChild imports the file at path as a stakeholder and prints what the parent reads.
func importInChild(t *testing.T, path string) {
	f := newCommentFixture(t)
	content, err := os.ReadFile(path)
	require.NoError(t, err)
	before := vmHWM(t)
	start := time.Now()
	rec := f.importFile("comments.xlsx", content)
	elapsed := time.Since(start)
	fmt.Printf("import-child status=%d elapsed_ms=%d peak_before_kb=%d peak_kb=%d\n", rec.Code, elapsed.Milliseconds(), before, vmHWM(t))
}

// vmHWM reads the peak resident set size of this process so far, in kilobytes.
func vmHWM(t *testing.T) int {
	status, err := os.ReadFile("/proc/self/status")
	require.NoError(t, err)
	m := regexp.MustCompile(`VmHWM:\s+(\d+) kB`).FindSubmatch(status)
	require.NotNil(t, m)
	kb, _ := strconv.Atoi(string(m[1]))
	return kb
}

// fiveThousandComments is a workbook as a spreadsheet program writes it (shared strings) with
// 5,000 comments on clause 3.4.1.
func fiveThousandComments(t *testing.T) []byte {
	book := excelize.NewFile()
	defer book.Close()
	require.NoError(t, book.SetSheetName("Sheet1", "Comments"))
	require.NoError(t, book.SetSheetRow("Comments", "A1", &[]string{"Clause", "Paragraph/Figure/Table", "Type of comment", "Comment", "Proposed change", "Publication"}))
	for i := range 5000 {
		row := []string{"3.4.1", fmt.Sprintf("paragraph %d", i%7+1), "technical",
			fmt.Sprintf("Comment %d: the reporting deadline in this clause is too short for small providers.", i),
			fmt.Sprintf("Change %d: allow 24 hours.", i), "public_named"}
		require.NoError(t, book.SetSheetRow("Comments", fmt.Sprintf("A%d", i+2), &row))
	}
	var buf bytes.Buffer
	require.NoError(t, book.Write(&buf))
	return buf.Bytes()
}
