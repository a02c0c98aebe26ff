package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"consult/internal/export"
	"consult/models"
)

// Summary counts a consultation's comments by stakeholder type, country, clause, comment type,
// day, status and resolution: published data for everyone, all comments for moderators.
func (h *Handlers) Summary(c echo.Context) error {
	ctx := c.Request().Context()
	con, err := models.FindConsultation(ctx, h.DB.DB, c.Param("id"))
	if err != nil {
		return err
	}
	scope := models.ScopePublic
	if isStaff(c) && c.QueryParam("scope") != models.ScopePublic {
		scope = models.ScopeAll
	}
	s, err := models.ConsultationSummary(ctx, h.DB.DB, con.ID, scope)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s)
}

// Export streams a consultation's comments as CSV, JSON or XLSX. The public scope honours every
// publication choice and opens to anyone once the window has closed; the full scope is for
// moderators and is audit-logged.
func (h *Handlers) Export(c echo.Context) error {
	ctx, now := c.Request().Context(), h.Clock.Now()
	con, err := models.FindConsultation(ctx, h.DB.DB, c.Param("id"))
	if err != nil {
		return err
	}
	format, scope := c.QueryParam("format"), c.QueryParam("scope")
	if format == "" {
		format = "csv"
	}
	if scope == "" {
		scope = models.ScopePublic
	}
	f, ok := export.Formats[format]
	var errs []models.FieldError
	if !ok {
		errs = append(errs, models.FieldError{Field: "format", Message: "must be csv, json or xlsx"})
	}
	if scope != models.ScopePublic && scope != models.ScopeAll {
		errs = append(errs, models.FieldError{Field: "scope", Message: "must be public or all"})
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
		return &models.Error{Code: models.CodeConsultationNotOpen, Message: "the public export opens when the consultation closes on " + con.ClosesAt.UTC().Format("2006-01-02 15:04 MST")}
	}
	if scope == models.ScopeAll {
		actor := CurrentPrincipal(c).User
		err := h.DB.Transaction(func(tx *gorm.DB) error {
			return models.RecordAudit(ctx, tx, models.AuditEntry{ActorID: &actor.ID, Action: "consultation.exported", SubjectType: "consultation",
				SubjectID: con.ID, After: map[string]string{"scope": scope, "format": format}}, now)
		})
		if err != nil {
			return err
		}
	}
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, f.MediaType)
	res.Header().Set(echo.HeaderContentDisposition, `attachment; filename="consultation-`+con.ID+"-"+scope+f.Ext+`"`)
	res.Header().Set(echo.HeaderCacheControl, "no-store")
	res.WriteHeader(http.StatusOK)
	w, err := export.New(format, res, models.ExportColumns(scope))
	if err != nil {
		return err
	}
	err = models.EachExportRow(ctx, h.DB.DB, con.ID, scope, func(r *models.ExportRow) error { return w.Row(r.Values(scope)) })
	if err != nil {
		return err // the answer has started; the error handler only logs it
	}
	return w.Close()
}
