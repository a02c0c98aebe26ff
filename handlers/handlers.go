// Package handlers holds one file per resource. A handler binds a request struct, validates it,
// calls the model layer and answers; it never builds an HTTP error by hand (it returns typed
// errors from models, which the API layer maps to problem+json).
package handlers

import (
	"github.com/prometheus/client_golang/prometheus"

	"consult/internal/auth/password"
	"consult/internal/auth/token"
	"consult/internal/clock"
	"consult/internal/config"
	"consult/internal/database"
	"consult/internal/neardup"
	"consult/internal/storage"
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
	Grouping  neardup.Config // how campaign clusters are grouped (CONSULT_CLUSTER_SIMILARITY)
}
