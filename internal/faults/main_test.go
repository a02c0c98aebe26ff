// Package faults_test runs the real consult binary against a private PostgreSQL server and breaks
// things under load: it kills the server, restarts the database, stops the server gracefully, and
// runs two servers on one database. `make test-faults` runs it (CONSULT_TEST_FAULTS=1); without
// that variable `go test ./...` skips it, because it builds the binary and runs PostgreSQL.
package faults_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// EnableEnv is the variable that turns the fault tests on.
const EnableEnv = "CONSULT_TEST_FAULTS"

var (
	binary string   // the consult binary under test
	pg     *cluster // the private PostgreSQL server every scenario has a database on
)

func TestMain(m *testing.M) {
	if os.Getenv(EnableEnv) == "" {
		fmt.Printf("fault tests skipped: set %s=1 (make test-faults) to run them\n", EnableEnv)
		os.Exit(0)
	}
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "consult-faults-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	binary = filepath.Join(dir, "consult")
	build := exec.Command("go", "build", "-o", binary, "consult/cmd/consult")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build consult: %v\n%s", err, out)
		return 1
	}
	pg, err = startCluster()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer pg.remove()
	return m.Run()
}
