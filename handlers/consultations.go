package handlers

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"consult/models"
)

// ConsultationView is a consultation window with its status at the server's clock.
type ConsultationView struct {
	ID          string                    `json:"id"`
	DocumentID  string                    `json:"document_id"`
	Title       string                    `json:"title"`
	Description string                    `json:"description"`
	OpensAt     time.Time                 `json:"opens_at"`
	ClosesAt    time.Time                 `json:"closes_at"`
	Status      models.ConsultationStatus `json:"status"`
	Version     int                       `json:"version"`
	CreatedAt   time.Time                 `json:"created_at"`
	UpdatedAt   time.Time                 `json:"updated_at"`

	// ReportPublishedAt is when the disposition-of-comments report was published, null until then.
	ReportPublishedAt *time.Time `json:"report_published_at"`
}

func consultationView(c *models.Consultation, now time.Time) ConsultationView {
	return ConsultationView{
		ID: c.ID, DocumentID: c.DocumentID, Title: c.Title, Description: c.Description, OpensAt: c.OpensAt.UTC(),
		ClosesAt: c.ClosesAt.UTC(), Status: c.StatusAt(now), Version: c.Version, CreatedAt: c.CreatedAt.UTC(), UpdatedAt: c.UpdatedAt.UTC(),
		ReportPublishedAt: utcOrNil(c.ReportPublishedAt),
	}
}

// utcOrNil is t in UTC, or nil.
func utcOrNil(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// ListConsultations lists consultations, newest first, optionally by status.
func (h *Handlers) ListConsultations(c echo.Context) error {
	limit, err := pageLimit(c)
	if err != nil {
		return err
	}
	now := h.Clock.Now()
	cons, next, err := models.ListConsultations(c.Request().Context(), h.DB.DB, models.ConsultationStatus(c.QueryParam("status")),
		models.Page{Cursor: c.QueryParam("cursor"), Limit: limit}, now)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(cons, next, func(con *models.Consultation) ConsultationView { return consultationView(con, now) }))
}

// GetConsultation returns one consultation.
func (h *Handlers) GetConsultation(c echo.Context) error {
	con, err := models.FindConsultation(c.Request().Context(), h.DB.DB, c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, consultationView(con, h.Clock.Now()))
}

// CreateConsultationRequest is the body of POST /consultations.
type CreateConsultationRequest struct {
	DocumentID  string     `json:"document_id"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	OpensAt     *time.Time `json:"opens_at"`
	ClosesAt    *time.Time `json:"closes_at"`
}

// CreateConsultation opens a window on a document.
func (h *Handlers) CreateConsultation(c echo.Context) error {
	var req CreateConsultationRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	in := models.NewConsultation{DocumentID: req.DocumentID, Title: req.Title, Description: req.Description}
	if req.OpensAt != nil {
		in.OpensAt = *req.OpensAt
	}
	if req.ClosesAt != nil {
		in.ClosesAt = *req.ClosesAt
	}
	now := h.Clock.Now()
	con, err := models.CreateConsultation(c.Request().Context(), h.DB.DB, CurrentPrincipal(c).User, in, now)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, consultationView(con, now))
}

// UpdateConsultationRequest is the body of PATCH /consultations/{id}.
type UpdateConsultationRequest struct {
	Title       *string    `json:"title"`
	Description *string    `json:"description"`
	OpensAt     *time.Time `json:"opens_at"`
	ClosesAt    *time.Time `json:"closes_at"`
	Version     *int       `json:"version"`
}

// UpdateConsultation changes a window (typically extends closes_at) with optimistic locking.
func (h *Handlers) UpdateConsultation(c echo.Context) error {
	var req UpdateConsultationRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	now := h.Clock.Now()
	con, err := models.UpdateConsultation(c.Request().Context(), h.DB.DB, CurrentPrincipal(c).User, c.Param("id"), models.ConsultationChange{
		Title: req.Title, Description: req.Description, OpensAt: req.OpensAt, ClosesAt: req.ClosesAt, Version: versionOf(req.Version),
	}, now)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, consultationView(con, now))
}

// PublishReport publishes the disposition-of-comments report of a closed consultation; a second
// call answers the report as first published.
func (h *Handlers) PublishReport(c echo.Context) error {
	now := h.Clock.Now()
	con, err := models.PublishReport(c.Request().Context(), h.DB.DB, CurrentPrincipal(c).User, c.Param("id"), now)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, consultationView(con, now))
}
