// Package migrations holds consult's versioned SQL migrations, one folder per database dialect,
// embedded in the binary. Migrations are append-only: a released file is never edited; a change
// to the schema is a new file in both folders, and the GORM models follow it (a test compares them).
package migrations

import (
	"embed"
	"io/fs"
)

//go:embed sqlite/*.sql postgres/*.sql
var files embed.FS

// For returns the migrations of one dialect ("sqlite" or "postgres").
func For(dialect string) (fs.FS, error) {
	return fs.Sub(files, dialect)
}
