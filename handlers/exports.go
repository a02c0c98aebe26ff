package handlers

import (
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"consult/internal/export"
	"consult/internal/export/pdf"
	"consult/models"
)

// Export streams a consultation's comments as CSV, JSON or XLSX, or lays them out as a PDF report
// (package pdf). The public scope honours every publication choice, carries dispositions once the
// report is published, and opens to anyone once the window has closed (before: not_yet_public);
// the full scope is for moderators and is audit-logged.
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
		errs = append(errs, models.FieldError{Field: "format", Message: "must be csv, json, xlsx or pdf"})
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
	var report *pdf.Document
	if format == "pdf" { // laid out in full before the answer starts, so that a failure is still a problem answer
		if report, err = h.pdfReport(c, con, layout, now); err != nil {
			return err
		}
	}
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, f.MediaType)
	res.Header().Set(echo.HeaderContentDisposition, `attachment; filename="consultation-`+con.ID+"-"+string(scope)+f.Ext+`"`)
	res.Header().Set(echo.HeaderCacheControl, "no-store")
	res.WriteHeader(http.StatusOK)
	if report != nil {
		_, err = report.WriteTo(res)
		return err
	}
	w, err := export.New(format, res, layout.Columns())
	if err != nil {
		return err
	}
	err = models.EachExportRow(ctx, h.DB.DB, con.ID, layout, func(r *models.ExportRow) error { return w.Row(r.Values(layout)) })
	if err != nil {
		return err // the answer has started; the error handler only logs it
	}
	return w.Close()
}

// pdfReport lays out the PDF report of an export: the consultation's scheme, draft and summary in
// the layout's scope, then its comments as models.EachExportRow gives them.
func (h *Handlers) pdfReport(c echo.Context, con *models.Consultation, layout models.ExportLayout, now time.Time) (*pdf.Document, error) {
	ctx := c.Request().Context()
	src, err := models.FindExportSource(ctx, h.DB.DB, con)
	if err != nil {
		return nil, err
	}
	summary, err := models.ConsultationSummary(ctx, h.DB.DB, con, layout.Scope)
	if err != nil {
		return nil, err
	}
	return pdf.Render(pdf.Report{Consultation: con, Source: src, Layout: layout, Summary: summary, GeneratedAt: now},
		func(fn func(*models.ExportRow) error) error {
			return models.EachExportRow(ctx, h.DB.DB, con.ID, layout, fn)
		})
}
