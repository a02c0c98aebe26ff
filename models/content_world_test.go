package models_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"consult/internal/testutil"
	"consult/models"
)

// contentWorld is a fresh database with a moderator, a stakeholder, a scheme and its draft 1.0,
// for the domain tests of documents, consultations, attachments and exports.
type contentWorld struct {
	ctx        context.Context
	db         *gorm.DB
	now        time.Time
	mod, stake *models.User
	scheme     *models.Scheme
	doc        *models.Document
}

// contentDraft is a small draft: a title and three clauses.
const contentDraft = "# Consumer devices\n\n## 1 Scope\nWhat the scheme covers.\n\n## 2 Terms\n\n### 2.1 Device\nA thing.\n"

func newContentWorld(t *testing.T) *contentWorld {
	t.Helper()
	w := &contentWorld{ctx: context.Background(), db: testutil.NewDB(t).DB, now: time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)}
	w.mod = w.user(t, "mod@example.eu", models.RoleModerator)
	w.stake = w.user(t, "stake@example.eu", models.RoleStakeholder)
	var err error
	w.scheme, err = models.CreateScheme(w.ctx, w.db, w.mod, models.NewScheme{Slug: "consumer-iot", Title: "Consumer IoT"}, w.now)
	require.NoError(t, err)
	w.doc, err = models.ImportDocument(w.ctx, w.db, w.mod, w.scheme, models.NewDocument{VersionLabel: "1.0", Markdown: []byte(contentDraft)}, w.now)
	require.NoError(t, err)
	return w
}

func (w *contentWorld) user(t *testing.T, email string, role models.Role) *models.User {
	t.Helper()
	u := &models.User{ID: models.NewID(), Email: email, EmailVerified: true, Role: role, CreatedAt: w.now, UpdatedAt: w.now}
	require.NoError(t, w.db.Create(u).Error)
	return u
}

// consultation opens a window on the draft from opens to closes (relative to now).
func (w *contentWorld) consultation(t *testing.T, opens, closes time.Duration) *models.Consultation {
	t.Helper()
	con, err := models.CreateConsultation(w.ctx, w.db, w.mod, models.NewConsultation{DocumentID: w.doc.ID, Title: "Window",
		OpensAt: w.now.Add(opens), ClosesAt: w.now.Add(closes)}, w.now)
	require.NoError(t, err)
	return con
}

// events lists the audit events with an action, oldest first.
func (w *contentWorld) events(t *testing.T, action string) []models.AuditEvent {
	t.Helper()
	var out []models.AuditEvent
	require.NoError(t, w.db.Where("action = ?", action).Order("seq").Find(&out).Error)
	return out
}

// contentCode is the code of a domain error, or "" for nil and other errors.
func contentCode(err error) models.Code {
	var e *models.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// contentFields lists the fields a validation error names.
func contentFields(err error) []string {
	var e *models.Error
	if !errors.As(err, &e) {
		return nil
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}
