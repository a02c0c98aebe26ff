package handlers

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"consult/models"
)

// SchemeView is a scheme in API answers.
type SchemeView struct {
	ID        string    `json:"id"`
	Slug      string    `json:"slug"`
	Title     string    `json:"title"`
	Summary   string    `json:"summary"`
	CreatedAt time.Time `json:"created_at"`
}

func schemeView(s *models.Scheme) SchemeView {
	return SchemeView{ID: s.ID, Slug: s.Slug, Title: s.Title, Summary: s.Summary, CreatedAt: s.CreatedAt.UTC()}
}

// SchemeDetailView is a scheme with its documents and consultations.
type SchemeDetailView struct {
	SchemeView
	Documents     []DocumentSummaryView `json:"documents"`
	Consultations []ConsultationView    `json:"consultations"`
}

// isStaff reports whether the caller is a moderator or admin.
func isStaff(c echo.Context) bool {
	p := CurrentPrincipal(c)
	return p != nil && p.User.Role.AtLeast(models.RoleModerator)
}

// ListSchemes lists the schemes.
func (h *Handlers) ListSchemes(c echo.Context) error {
	limit, err := pageLimit(c)
	if err != nil {
		return err
	}
	schemes, next, err := models.ListSchemes(c.Request().Context(), h.DB.DB, models.Page{Cursor: c.QueryParam("cursor"), Limit: limit})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(schemes, next, schemeView))
}

// CreateSchemeRequest is the body of POST /schemes.
type CreateSchemeRequest struct {
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
}

// CreateScheme creates a scheme.
func (h *Handlers) CreateScheme(c echo.Context) error {
	var req CreateSchemeRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	s, err := models.CreateScheme(c.Request().Context(), h.DB.DB, CurrentPrincipal(c).User, models.NewScheme(req), h.Clock.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, schemeView(s))
}

// GetScheme returns a scheme with the documents the caller may read and its consultations.
func (h *Handlers) GetScheme(c echo.Context) error {
	ctx, now := c.Request().Context(), h.Clock.Now()
	s, err := models.FindSchemeBySlug(ctx, h.DB.DB, c.Param("slug"))
	if err != nil {
		return err
	}
	docs, err := models.SchemeDocuments(ctx, h.DB.DB, s.ID, isStaff(c), now)
	if err != nil {
		return err
	}
	cons, err := models.SchemeConsultations(ctx, h.DB.DB, s.ID)
	if err != nil {
		return err
	}
	out := SchemeDetailView{SchemeView: schemeView(s), Documents: make([]DocumentSummaryView, 0, len(docs)), Consultations: make([]ConsultationView, 0, len(cons))}
	for i := range docs {
		out.Documents = append(out.Documents, documentSummary(&docs[i]))
	}
	for i := range cons {
		out.Consultations = append(out.Consultations, consultationView(&cons[i], now))
	}
	return c.JSON(http.StatusOK, out)
}
