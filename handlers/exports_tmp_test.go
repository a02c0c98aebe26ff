package handlers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
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

// TestExportsLeaveNoTemporaryFile: exports keep their temporary files in the data folder's
// tmp/export, and leave it empty when they end, finished or abandoned by a client gone half-way
// (TestXLSXLeavesNoTemporaryFile in internal/export shows it with a stream large enough to go to
// disk).
func TestExportsLeaveNoTemporaryFile(t *testing.T) {
	f, _ := exportFixture(t)
	f.publishReport(t)
	f.env.Clock.Set(f.closes)
	tmp := filepath.Join(f.env.Config.DataDir, "tmp", "export")
	path := "/api/v1/consultations/" + f.consultationID + "/export?format="
	for _, format := range []string{"csv", "json", "xlsx"} {
		require.Equal(t, http.StatusOK, f.env.Get(path+format).Code)
		entries, err := os.ReadDir(tmp)
		require.NoError(t, err, "the folder is made under the data folder")
		assert.Empty(t, entries, format)

		ctx, cancel := context.WithCancel(context.Background())
		gone := goneClient{httptest.NewRecorder(), cancel}
		f.env.Echo.ServeHTTP(gone, httptest.NewRequest(http.MethodGet, path+format, nil).WithContext(ctx))
		cancel()
		assert.Equal(t, http.StatusOK, gone.Code)
		entries, err = os.ReadDir(tmp)
		require.NoError(t, err)
		assert.Empty(t, entries, format+", client gone")
	}
}
