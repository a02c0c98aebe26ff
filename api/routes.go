package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"consult/handlers"
	"consult/models"
)

// Route is one line of the route table: which method and path, who may call it, which handler.
type Route struct {
	Method  string
	Path    string
	Access  Access
	Handler echo.HandlerFunc
}

// Access says who may call a route.
type Access string

// Who may call a route. Each level includes the ones above it except Verified, which is about
// the email address, not the role.
const (
	Anyone Access = "anyone"
	// PublicRead is Anyone for a read whose answer to an anonymous caller is the same for every
	// anonymous caller: it carries an ETag, may be cached for a few seconds, and is kept briefly by the server (publicCache).
	PublicRead Access = "public_read"
	SignedIn   Access = "signed_in"
	Verified   Access = "verified"
	Moderator  Access = "moderator"
	Admin      Access = "admin"
)

// Routes is the route table. A reader who knows the route knows the handler, and the handler's
// file is named after the resource the route serves (see package handlers). api/openapi.yaml describes exactly these routes (a test
// keeps them in step).
func Routes(h *handlers.Handlers) []Route {
	return []Route{
		{http.MethodGet, "/healthz", Anyone, h.Healthz},
		{http.MethodGet, "/readyz", Anyone, h.Readyz},
		{http.MethodGet, "/metrics", Anyone, h.Metrics},
		{http.MethodGet, "/debug/pprof/", Anyone, h.Profiles},
		{http.MethodGet, "/debug/pprof/:name", Anyone, h.Profiles},
		{http.MethodGet, "/api/openapi.yaml", Anyone, h.OpenAPIDocument},

		{http.MethodPost, "/api/v1/auth/register", Anyone, h.Register},
		{http.MethodPost, "/api/v1/auth/verify-email", Anyone, h.VerifyEmail},
		{http.MethodPost, "/api/v1/auth/verify-email/resend", Anyone, h.ResendVerification},
		{http.MethodPost, "/api/v1/auth/login", Anyone, h.Login},
		{http.MethodPost, "/api/v1/auth/refresh", Anyone, h.Refresh},
		{http.MethodPost, "/api/v1/auth/logout", SignedIn, h.Logout},
		{http.MethodPost, "/api/v1/auth/password-reset", Anyone, h.RequestPasswordReset},
		{http.MethodPost, "/api/v1/auth/password-reset/confirm", Anyone, h.ConfirmPasswordReset},

		{http.MethodGet, "/api/v1/me", SignedIn, h.Me},
		{http.MethodPatch, "/api/v1/me", SignedIn, h.UpdateMe},
		{http.MethodDelete, "/api/v1/me", SignedIn, h.DeleteMe},
		{http.MethodGet, "/api/v1/me/data", SignedIn, h.MyData},
		{http.MethodPost, "/api/v1/me/password", SignedIn, h.ChangePassword},

		{http.MethodGet, "/api/v1/schemes", PublicRead, h.ListSchemes},
		{http.MethodPost, "/api/v1/schemes", Moderator, h.CreateScheme},
		{http.MethodGet, "/api/v1/schemes/:slug", PublicRead, h.GetScheme},
		{http.MethodPost, "/api/v1/schemes/:slug/documents", Moderator, h.CreateDocument},
		{http.MethodGet, "/api/v1/documents/:id", PublicRead, h.GetDocument},
		{http.MethodGet, "/api/v1/documents/:id/diff", PublicRead, h.DiffDocument},
		{http.MethodPost, "/api/v1/documents/:id/attachments", Moderator, h.UploadDocumentAttachment},
		{http.MethodGet, "/api/v1/attachments/:id", Anyone, h.DownloadAttachment},
		{http.MethodGet, "/api/v1/consultations", PublicRead, h.ListConsultations},
		{http.MethodPost, "/api/v1/consultations", Moderator, h.CreateConsultation},
		{http.MethodGet, "/api/v1/consultations/:id", PublicRead, h.GetConsultation},
		{http.MethodPatch, "/api/v1/consultations/:id", Moderator, h.UpdateConsultation},
		{http.MethodPost, "/api/v1/consultations/:id/report", Moderator, h.PublishReport},

		{http.MethodPost, "/api/v1/consultations/:id/comments", Verified, h.SubmitComment},
		{http.MethodGet, "/api/v1/consultations/:id/comments", PublicRead, h.ListComments},
		{http.MethodGet, "/api/v1/consultations/:id/comment-template.xlsx", Anyone, h.CommentTemplate},
		{http.MethodGet, "/api/v1/consultations/:id/summary", PublicRead, h.Summary},
		{http.MethodGet, "/api/v1/consultations/:id/export", Anyone, h.Export},
		{http.MethodPost, "/api/v1/consultations/:id/comments/import", Verified, h.ImportComments},
		{http.MethodGet, "/api/v1/comments/:id", PublicRead, h.GetComment},
		{http.MethodPatch, "/api/v1/comments/:id", SignedIn, h.UpdateComment},
		{http.MethodDelete, "/api/v1/comments/:id", SignedIn, h.WithdrawComment},
		{http.MethodPost, "/api/v1/comments/:id/attachments", Verified, h.UploadCommentAttachment},
		{http.MethodGet, "/api/v1/me/comments", SignedIn, h.MyComments},

		{http.MethodGet, "/api/v1/moderation/queue", Moderator, h.ModerationQueue},
		{http.MethodGet, "/api/v1/consultations/:id/clusters", Moderator, h.ListClusters},
		{http.MethodPost, "/api/v1/consultations/:id/clusters/:cluster_id/moderation", Moderator, h.ModerateCluster},
		{http.MethodPut, "/api/v1/consultations/:id/clusters/:cluster_id/disposition", Moderator, h.RecordClusterDisposition},
		{http.MethodPost, "/api/v1/moderation/bulk", Moderator, h.BulkModerate},
		{http.MethodPost, "/api/v1/comments/:id/reports", SignedIn, h.ReportComment},
		{http.MethodGet, "/api/v1/moderation/reports", Moderator, h.ListReports},
		{http.MethodPost, "/api/v1/comments/:id/moderation", Moderator, h.ModerateComment},
		{http.MethodPut, "/api/v1/comments/:id/disposition", Moderator, h.RecordDisposition},

		{http.MethodGet, "/api/v1/audit", Admin, h.ListAudit},
		{http.MethodGet, "/api/v1/audit/verify", Admin, h.VerifyAudit},

		{http.MethodGet, "/api/v1/admin/users", Admin, h.ListUsers},
		{http.MethodPatch, "/api/v1/admin/users/:id", Admin, h.UpdateUser},
	}
}

func registerRoutes(e *echo.Echo, h *handlers.Handlers, answers *answerCache) {
	for _, r := range Routes(h) {
		if r.Access == PublicRead {
			answers.routes[r.Method+" "+r.Path] = true
			e.Add(r.Method, r.Path, r.Handler, publicCache(answers))
			continue
		}
		e.Add(r.Method, r.Path, r.Handler, guard(r.Access))
	}
	// Anything else under /api/ is an unknown resource: problem+json, never the web app's HTML.
	e.Any("/api/*", func(echo.Context) error { return models.NotFound("resource") })
}
