// Package models holds consult's GORM models and domain rules: who may do what, state changes,
// window checks, and typed errors with stable codes. It imports neither Echo nor net/http; the
// handlers call it and the API layer turns its errors into problem+json.
//
// Each aggregate has one file named after it that holds its type and rules (comment.go,
// consultation.go, user.go, …); its larger parts sit in files with the aggregate's name as prefix
// (comment_submit.go, comment_moderation.go, user_admin.go). Every write is one exported command
// that opens its own transaction; validation.go holds the checks the commands share.
package models
