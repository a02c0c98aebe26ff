// Package handlers holds one file per resource, named after the resource its routes serve
// (/consultations/{id}/summary: summary.go; /me/comments: me.go; the comment template and its
// import: comment_template.go; email verification: verification.go). A handler binds a request
// struct, calls one command or query of package models and renders a view. It runs no SQL and
// imports no GORM (layering_test.go), and never builds an HTTP error by hand: it returns the typed
// errors of models, which internal/problem maps to problem+json.
package handlers

import (
	"github.com/prometheus/client_golang/prometheus"

	"consult/internal/auth/password"
	"consult/internal/auth/token"
	"consult/internal/clock"
	"consult/internal/config"
	"consult/internal/database"
	"consult/internal/storage"
	"consult/models"
)

// Handlers carries what every handler needs.
type Handlers struct {
	DB        *database.DB
	Clock     clock.Clock
	Config    *config.Config
	Readiness *database.Readiness
	Gatherer  prometheus.Gatherer
	OpenAPI   []byte
	Hasher    *password.Hasher
	Tokens    *token.Issuer
	Files     storage.Store
	Rendered  *ClauseHTML       // clause bodies rendered to HTML
	Clusters  *models.Clusterer // stores each comment's campaign cluster (CONSULT_CLUSTER_SIMILARITY)
}
