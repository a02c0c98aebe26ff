package handlers_test

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goneClient is a client that hangs up as soon as the answer starts.
type goneClient struct {
	*httptest.ResponseRecorder
	hangUp context.CancelFunc
}

func (g goneClient) WriteHeader(code int) {
	g.ResponseRecorder.WriteHeader(code)
	g.hangUp()
}

// TestExportsMakeNoTemporaryFile: exports are written as their rows come, so they make no
// temporary file, neither in the data folder nor in the system's temporary folder, whether they
// finish or a client leaves half-way (TestXLSXStreamsWithoutTemporaryFiles in internal/export shows
// it for an XLSX larger than excelize's own stream writer keeps in memory).
func TestExportsMakeNoTemporaryFile(t *testing.T) {
	system := t.TempDir()
	t.Setenv("TMPDIR", system)
	f, _ := exportFixture(t)
	f.publishReport(t)
	f.env.Clock.Set(f.closes)
	before := filesUnder(t, f.env.Config.DataDir)
	path := "/api/v1/consultations/" + f.consultationID + "/export?format="
	for _, format := range []string{"csv", "json", "xlsx", "pdf"} {
		require.Equal(t, http.StatusOK, f.env.Get(path+format).Code)
		assert.Equal(t, before, filesUnder(t, f.env.Config.DataDir), format)
		assert.Empty(t, filesUnder(t, system), format)

		ctx, cancel := context.WithCancel(context.Background())
		gone := goneClient{httptest.NewRecorder(), cancel}
		f.env.Echo.ServeHTTP(gone, httptest.NewRequest(http.MethodGet, path+format, nil).WithContext(ctx))
		cancel()
		assert.Equal(t, http.StatusOK, gone.Code)
		assert.Equal(t, before, filesUnder(t, f.env.Config.DataDir), format+", client gone")
		assert.Empty(t, filesUnder(t, system), format+", client gone")
	}
}

// filesUnder lists the files in dir and its folders.
func filesUnder(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, path)
		}
		return err
	}))
	return files
}
