package handlers

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"consult/models"
)

// AuditEventView is one staff action of the audit trail.
type AuditEventView struct {
	Seq         int64           `json:"seq"`
	ID          string          `json:"id"`
	ActorID     *string         `json:"actor_id"`
	Action      string          `json:"action"`
	SubjectType string          `json:"subject_type"`
	SubjectID   string          `json:"subject_id"`
	Before      json.RawMessage `json:"before"`
	After       json.RawMessage `json:"after"`
	CreatedAt   time.Time       `json:"created_at"`
	PrevHash    string          `json:"prev_hash"`
	Hash        string          `json:"hash"`
}

func auditEventView(e *models.AuditEvent) AuditEventView {
	return AuditEventView{Seq: e.Seq, ID: e.ID, ActorID: e.ActorID, Action: e.Action, SubjectType: e.SubjectType,
		SubjectID: e.SubjectID, Before: json.RawMessage(e.BeforeJSON), After: json.RawMessage(e.AfterJSON), CreatedAt: e.CreatedAt.UTC(),
		PrevHash: e.PrevHash, Hash: e.Hash}
}

// ListAudit shows the append-only trail of staff actions to admins, newest first.
func (h *Handlers) ListAudit(c echo.Context) error {
	limit, err := pageLimit(c)
	if err != nil {
		return err
	}
	events, next, err := models.ListAudit(c.Request().Context(), h.DB.DB, models.AuditQuery{
		Action: c.QueryParam("action"), SubjectID: c.QueryParam("subject_id"), ActorID: c.QueryParam("actor_id"),
		Cursor: c.QueryParam("cursor"), Limit: limit,
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(events, next, auditEventView))
}

// AuditCheckView is the result of checking the audit trail's hash chain.
type AuditCheckView struct {
	Intact        bool            `json:"intact"`
	EventsChecked int64           `json:"events_checked"`
	FirstBreak    *AuditBreakView `json:"first_break"`
	CheckedAt     time.Time       `json:"checked_at"`
}

// AuditBreakView names the first event of the trail that was changed, inserted or deleted.
type AuditBreakView struct {
	Seq    int64  `json:"seq"`
	Reason string `json:"reason"`
}

// VerifyAudit checks the audit trail's hash chain for admins, as `consult audit verify` does.
func (h *Handlers) VerifyAudit(c echo.Context) error {
	checked, err := models.VerifyAudit(c.Request().Context(), h.DB.DB)
	out := AuditCheckView{Intact: err == nil, EventsChecked: checked, CheckedAt: h.Clock.Now().UTC()}
	var broken *models.AuditBreak
	if errors.As(err, &broken) {
		out.FirstBreak = &AuditBreakView{Seq: broken.Seq, Reason: broken.Reason}
	} else if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}
