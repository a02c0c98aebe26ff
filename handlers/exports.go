package handlers

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"consult/internal/export"
	"consult/internal/export/pdf"
	"consult/models"
)

// Export streams a consultation's comments in a format of export.Formats (CSV, JSON, XLSX), after a
// head describing the consultation (JSON, the XLSX About and Summary sheets), or lays them out as a
// PDF report (package pdf). The public scope honours every publication choice, carries
// dispositions once the report is published, and opens to anyone once the window has closed
// (before: not_yet_public); the full scope is for moderators and is audit-logged.
func (h *Handlers) Export(c echo.Context) error {
	ctx, now := c.Request().Context(), h.Clock.Now()
	con, err := models.FindConsultation(ctx, h.DB.DB, c.Param("id"))
	if err != nil {
		return err
	}
	format := c.QueryParam("format")
	if format == "" {
		format = "csv"
	}
	f, ok := export.Formats[format]
	var errs []models.FieldError
	if !ok {
		errs = append(errs, models.FieldError{Field: "format", Message: "must be one of " + strings.Join(export.FormatNames(), ", ")})
	}
	scope, err := models.ParseScope(c.QueryParam("scope"), models.ScopePublic)
	if err != nil {
		var invalid *models.Error
		if !errors.As(err, &invalid) {
			return err
		}
		errs = append(errs, invalid.Fields...) // one answer names every bad parameter
	}
	if len(errs) > 0 {
		return models.Invalid("the query has invalid parameters", errs...)
	}
	layout, err := models.StartExport(ctx, h.DB.DB, currentViewer(c), con, scope, format, now)
	if err != nil {
		return err
	}
	if format == "pdf" { // measured (a first pass over the comments) before the answer starts, so that most failures are still a problem answer; then written page by page
		report, err := pdf.FromDatabase(ctx, h.DB.Streams, con, layout, now)
		if err != nil {
			return err
		}
		startDownload(c, con, scope, f)
		_, err = report.WriteTo(c.Response())
		return err
	}
	head, err := models.ExportHead(ctx, h.DB.DB, con, layout, f.Summarised, now)
	if err != nil {
		return err
	}
	if err := models.CheckExportSize(format, f, head); err != nil {
		return err
	}
	startDownload(c, con, scope, f)
	// Once the answer has started an error can only be logged (the error handler does so).
	return export.Stream(format, c.Response(), head, layout.Columns(), func(row func([]string) error) error {
		return export.Pipelined(ctx, func(ctx context.Context, emit func([]string) error) error {
			return models.EachExportRow(ctx, h.DB.Streams, con.ID, layout, func(r *models.ExportRow) error { return emit(r.Values(layout)) })
		}, row)
	})
}

// startDownload starts the answer of an export: its media type, file name, no caching, 200.
func startDownload(c echo.Context, con *models.Consultation, scope models.Scope, f export.Format) {
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, f.MediaType)
	res.Header().Set(echo.HeaderContentDisposition, `attachment; filename="consultation-`+con.ID+"-"+string(scope)+f.Ext+`"`)
	res.Header().Set(echo.HeaderCacheControl, "no-store")
	res.WriteHeader(http.StatusOK)
}
