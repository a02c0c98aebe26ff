// Command consult is the consultation platform: one binary that serves the API and the web app
// and runs the operator's tasks (migrate, users, demo).
package main

import (
	"errors"
	"fmt"
	"os"

	"consult/internal/config"
)

func main() {
	err := newRootCommand().Execute()
	if err == nil {
		return
	}
	var cfgErr *config.Error
	if errors.As(err, &cfgErr) {
		fmt.Fprintln(os.Stderr, "consult: invalid configuration: "+cfgErr.Error())
		os.Exit(2)
	}
	fmt.Fprintln(os.Stderr, "consult: "+err.Error())
	os.Exit(1)
}
