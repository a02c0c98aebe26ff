// Package models holds consult's GORM models and domain rules: who may do what, state changes,
// window checks, and typed errors with stable codes. It imports neither Echo nor net/http; the
// handlers call it and the API layer turns its errors into problem+json.
package models
