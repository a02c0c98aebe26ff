package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"consult/internal/database"
	"consult/internal/export"
	"consult/internal/export/pdf"
	"consult/models"
)

func newExportCommand() *cobra.Command {
	var id, format, scope, out string
	cmd := &cobra.Command{
		Use:   "export --consultation ID [--format csv|json|xlsx|pdf] [--scope public|all] [-o FILE]",
		Short: "Export a consultation's comments from the database",
		Long: `export writes a consultation's comments as the HTTP export does (same formats, columns and
publication rules), reading the database directly: the public scope at any time, the full scope
recorded in the audit trail. Without -o the file goes to standard output. On a terminal a progress
bar runs on standard error; piped or redirected, nothing extra is written.`,
		Args: cobra.NoArgs,
		RunE: withKeyedDatabase(func(c *cobra.Command, e *env, db *database.DB) error {
			return runExport(c, e, db, id, format, scope, out)
		}),
	}
	f := cmd.Flags()
	f.StringVar(&id, "consultation", "", "the consultation's id")
	f.StringVar(&format, "format", "csv", "the file format: "+strings.Join(export.FormatNames(), ", "))
	f.StringVar(&scope, "scope", "public", "public (published comments as the public sees them) or all (every comment, audit-logged)")
	f.StringVarP(&out, "output", "o", "", "the file to write (default: standard output)")
	_ = cmd.MarkFlagRequired("consultation")
	return cmd
}

func runExport(c *cobra.Command, e *env, db *database.DB, id, format, scopeName, out string) error {
	ctx, now := c.Context(), nowUTC()
	if _, ok := export.Formats[format]; !ok {
		return fmt.Errorf("--format must be one of %s", strings.Join(export.FormatNames(), ", "))
	}
	scope, err := models.ParseScope(scopeName, models.ScopePublic)
	if err != nil {
		return errors.New("--scope must be public or all")
	}
	con, err := models.FindConsultation(ctx, db.DB, id)
	if err != nil {
		return err
	}
	layout, err := models.StartCommandLineExport(ctx, db.DB, con, scope, format, now)
	if err != nil {
		return err
	}
	head, err := models.ExportHead(ctx, db.DB, con, layout, true, now) // summarised: the progress bar counts to its total
	if err != nil {
		return err
	}
	if err := models.CheckExportSize(format, export.Formats[format], head); err != nil {
		return err
	}
	w := c.OutOrStdout()
	var file *os.File
	if out != "" {
		if file, err = os.Create(out); err != nil { //nolint:gosec // the operator names the file to write
			return err
		}
		defer file.Close() // closed and checked below; this covers the error paths
		w = file
	}
	if format == "pdf" { // a report measured by package pdf, then written page by page
		report, err := pdf.FromDatabase(ctx, db.Streams, con, layout, now)
		if err == nil {
			_, err = report.WriteTo(w)
		}
		return finishExport(file, out, err)
	}
	bar := newProgress(os.Stderr, head.Summary.Total, isatty.IsTerminal(os.Stderr.Fd()) || isatty.IsCygwinTerminal(os.Stderr.Fd()))
	err = export.Stream(format, w, head, layout.Columns(), func(row func([]string) error) error {
		return export.Pipelined(ctx, func(ctx context.Context, emit func([]string) error) error {
			return models.EachExportRow(ctx, db.Streams, con.ID, layout, func(r *models.ExportRow) error {
				bar.step()
				return emit(r.Values(layout))
			})
		}, row)
	})
	bar.done()
	return finishExport(file, out, err)
}

// finishExport closes the output file, removing it if the export failed (no half-written file is
// left behind); with no file (standard output) it gives err.
func finishExport(file *os.File, out string, err error) error {
	if file == nil {
		return err
	}
	if err != nil {
		_ = os.Remove(out)
		return err
	}
	return file.Close()
}
