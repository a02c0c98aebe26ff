package handlers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"consult/internal/export"
	"consult/models"
)

// Summary counts a consultation's comments by stakeholder type, country, clause, comment type,
// day, status and resolution: published data for everyone, all comments for moderators unless
// they ask for ?scope=public. An unknown scope is refused, never read as another one.
func (h *Handlers) Summary(c echo.Context) error {
	ctx := c.Request().Context()
	con, err := models.FindConsultation(ctx, h.DB.DB, c.Param("id"))
	if err != nil {
		return err
	}
	def := models.ScopePublic
	if isStaff(c) {
		def = models.ScopeAll
	}
	scope, err := models.ParseScope(c.QueryParam("scope"), def)
	if err != nil {
		return err
	}
	if !isStaff(c) {
		scope = models.ScopePublic // anyone else sees published data, whatever they ask for
	}
	s, err := models.ConsultationSummary(ctx, h.DB.DB, con, scope)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s)
}

// Export streams a consultation's comments as CSV, JSON or XLSX. The public scope honours every
// publication choice, carries dispositions once the report is published, and opens to anyone once
// the window has closed (before: not_yet_public); the full scope is for moderators and is
// audit-logged.
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
		errs = append(errs, models.FieldError{Field: "format", Message: "must be csv, json or xlsx"})
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
	switch {
	case scope == models.ScopeAll && !isStaff(c):
		if CurrentPrincipal(c) == nil {
			return &models.Error{Code: models.CodeUnauthenticated, Message: "the full export is for moderators: sign in"}
		}
		return models.Forbidden("the full export is for moderators")
	case scope == models.ScopePublic && !isStaff(c) && con.StatusAt(now) != models.StatusClosed:
		return &models.Error{Code: models.CodeNotYetPublic, Message: "the public export opens when the consultation closes on " + con.ClosesAt.UTC().Format("2006-01-02 15:04 MST")}
	}
	if scope == models.ScopeAll {
		actor := CurrentPrincipal(c).User
		err := h.DB.Transaction(func(tx *gorm.DB) error {
			return models.RecordAudit(ctx, tx, models.AuditEntry{ActorID: &actor.ID, Action: "consultation.exported", SubjectType: "consultation",
				SubjectID: con.ID, After: map[string]string{"scope": string(scope), "format": format}}, now)
		})
		if err != nil {
			return err
		}
	}
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, f.MediaType)
	res.Header().Set(echo.HeaderContentDisposition, `attachment; filename="consultation-`+con.ID+"-"+string(scope)+f.Ext+`"`)
	res.Header().Set(echo.HeaderCacheControl, "no-store")
	res.WriteHeader(http.StatusOK)
	layout := models.NewExportLayout(con, scope)
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
