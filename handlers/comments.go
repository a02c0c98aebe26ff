package handlers

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"consult/models"
)

// QuoteBody anchors a comment to a passage of its clause.
type QuoteBody struct {
	Exact  string `json:"exact"`
	Prefix string `json:"prefix"`
	Suffix string `json:"suffix"`
}

// CommentRequest is the body of POST /consultations/{id}/comments. Fields a stakeholder may not
// set (status, tracking_number, author…) are unknown fields, refused with 422.
type CommentRequest struct {
	ClauseID       *string    `json:"clause_id"`
	CommentType    string     `json:"comment_type"`
	Body           string     `json:"body"`
	ProposedChange string     `json:"proposed_change"`
	Quote          *QuoteBody `json:"quote"`
	Publication    string     `json:"publication"`
	Language       string     `json:"language"`
	ParagraphRef   string     `json:"paragraph_ref"`
}

// CommentContentView is what every view of a comment shows: where it sits and what it says (the
// texts as the viewer may read them).
type CommentContentView struct {
	ID             string     `json:"id"`
	ConsultationID string     `json:"consultation_id"`
	ClauseID       *string    `json:"clause_id"`
	ParagraphRef   string     `json:"paragraph_ref"`
	CommentType    string     `json:"comment_type"`
	Body           string     `json:"body"`
	ProposedChange string     `json:"proposed_change"`
	Quote          *QuoteBody `json:"quote"`
	Language       string     `json:"language"`
	TrackingNumber string     `json:"tracking_number"`
	CreatedAt      time.Time  `json:"created_at"`
}

func commentContentView(c *models.Comment, body, proposedChange string) CommentContentView {
	v := CommentContentView{ID: c.ID, ConsultationID: c.ConsultationID, ClauseID: c.ClauseID, ParagraphRef: c.ParagraphRef,
		CommentType: c.CommentType, Body: body, ProposedChange: proposedChange, Language: c.Language,
		TrackingNumber: c.TrackingNumber, CreatedAt: c.CreatedAt.UTC()}
	if c.QuoteExact != "" {
		v.Quote = &QuoteBody{Exact: c.QuoteExact, Prefix: c.QuotePrefix, Suffix: c.QuoteSuffix}
	}
	return v
}

// CommentView is a comment as its author and staff see it: the original texts, the moderation
// and the disposition.
type CommentView struct {
	CommentContentView
	Publication            string           `json:"publication"`
	Status                 string           `json:"status"`
	Version                int              `json:"version"`
	RedactedBody           *string          `json:"redacted_body"`
	RedactedProposedChange *string          `json:"redacted_proposed_change"`
	ReasonCode             string           `json:"reason_code"`
	ModerationNote         string           `json:"moderation_note"`
	UpdatedAt              time.Time        `json:"updated_at"`
	Attachments            []AttachmentView `json:"attachments,omitempty"`
	Disposition            *DispositionView `json:"disposition"`
}

func commentView(c *models.Comment) CommentView {
	return CommentView{
		CommentContentView: commentContentView(c, c.Body, c.ProposedChange),
		Publication:        c.Publication, Status: c.Status, Version: c.Version, RedactedBody: c.RedactedBody,
		RedactedProposedChange: c.RedactedProposedChange, ReasonCode: c.ReasonCode, ModerationNote: c.ModerationNote,
		UpdatedAt: c.UpdatedAt.UTC(),
	}
}

// maxCommentJSON bounds a comment request: two 20,000-character texts in any script fit.
const maxCommentJSON = 512 << 10

// SubmitComment stores a stakeholder's comment while the window is open and mails a receipt. An
// Idempotency-Key header makes retries safe: the same key and body get the first comment, marked
// by the Idempotent-Replayed header, and create nothing; the same key with another body is refused.
// A new comment is then given its campaign cluster in the background.
func (h *Handlers) SubmitComment(c echo.Context) error {
	raw, err := readJSONBody(c, maxCommentJSON)
	if err != nil {
		return err
	}
	var req CommentRequest
	if err := decodeStrict(raw, &req); err != nil {
		return err
	}
	in := models.NewComment{ClauseID: req.ClauseID, CommentType: req.CommentType, Body: req.Body, ProposedChange: req.ProposedChange,
		Publication: req.Publication, Language: req.Language, ParagraphRef: req.ParagraphRef}
	if req.Quote != nil {
		in.Quote = &models.Quote{Exact: req.Quote.Exact, Prefix: req.Quote.Prefix, Suffix: req.Quote.Suffix}
	}
	idem := models.Idempotency{Key: c.Request().Header.Get("Idempotency-Key"), Request: raw}
	cm, replayed, err := models.SubmitComment(c.Request().Context(), h.DB.DB, CurrentPrincipal(c).User, c.Param("id"), in, idem, h.Clock.Now(), h.Config.BaseURL)
	if err != nil {
		return err
	}
	if replayed {
		c.Response().Header().Set("Idempotent-Replayed", "true")
	} else {
		h.Clusters.Notify(cm.ConsultationID)
	}
	return c.JSON(http.StatusCreated, commentView(cm))
}

// GetComment returns one comment: its author and staff see all of it; anyone else sees a
// published, non-confidential comment in its public form.
func (h *Handlers) GetComment(c echo.Context) error {
	viewer := currentViewer(c)
	r, err := models.ReadComment(c.Request().Context(), h.DB.DB, c.Param("id"), viewer)
	if err != nil {
		return err
	}
	files := make([]AttachmentView, 0, len(r.Attachments))
	for i := range r.Attachments {
		files = append(files, attachmentView(&r.Attachments[i]))
	}
	if !r.Whole {
		v := publicCommentView(r.Comment, r.Author, r.Disposition)
		v.Attachments = files
		return c.JSON(http.StatusOK, v)
	}
	v := commentView(r.Comment)
	v.Attachments = files
	if r.Disposition != nil {
		v.Disposition = dispositionView(r.Disposition)
	}
	if !viewer.Role.AtLeast(models.RoleModerator) {
		return c.JSON(http.StatusOK, v)
	}
	return c.JSON(http.StatusOK, StaffCommentView{CommentView: v, Author: authorProfileView(r.Author)})
}

// StaffCommentView is a comment as moderators see it: all of it, with its author's profile.
type StaffCommentView struct {
	CommentView
	Author *AuthorProfileView `json:"author"`
}

// PublicAuthorView is what the public learns of an author: the name and organisation only when
// the author chose public_named; stakeholder type and country always; never the email.
type PublicAuthorView struct {
	DisplayName     *string `json:"display_name"`
	Organisation    *string `json:"organisation"`
	StakeholderType string  `json:"stakeholder_type"`
	Country         string  `json:"country"`
}

// PublicCommentView is a published comment as the public sees it: only the texts as published
// (the originals of a redacted comment stay with staff and the author).
type PublicCommentView struct {
	CommentContentView
	Author      PublicAuthorView `json:"author"`
	Attachments []AttachmentView `json:"attachments,omitempty"`
	Disposition *DispositionView `json:"disposition"`
}

// publicCommentView shows a published comment, its author as the publication choice allows, and d,
// its disposition once the report is published (else nil).
func publicCommentView(c *models.Comment, author *models.User, d *models.Disposition) PublicCommentView {
	v := PublicCommentView{CommentContentView: commentContentView(c, c.PublicBody(), c.PublicProposedChange()), Disposition: dispositionView(d)}
	if author != nil {
		v.Author.StakeholderType, v.Author.Country = author.StakeholderType, author.Country
		if c.NamesItsAuthor() {
			v.Author.DisplayName, v.Author.Organisation = &author.DisplayName, &author.Organisation
		}
	}
	return v
}

// UpdateCommentRequest is the body of PATCH /comments/{id}.
type UpdateCommentRequest struct {
	CommentType    *string `json:"comment_type"`
	Body           *string `json:"body"`
	ProposedChange *string `json:"proposed_change"`
	Publication    *string `json:"publication"`
	Language       *string `json:"language"`
	Version        *int    `json:"version"`
}

// UpdateComment lets the author edit a comment not yet moderated while the window is open.
func (h *Handlers) UpdateComment(c echo.Context) error {
	var req UpdateCommentRequest
	if err := bindJSONLimit(c, &req, maxCommentJSON); err != nil {
		return err
	}
	cm, err := models.EditComment(c.Request().Context(), h.DB.DB, c.Param("id"), CurrentPrincipal(c).User, models.CommentEdit{
		CommentType: req.CommentType, Body: req.Body, ProposedChange: req.ProposedChange, Publication: req.Publication,
		Language: req.Language, Version: versionOf(req.Version),
	}, h.Clock.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, commentView(cm))
}

// WithdrawComment lets the author withdraw a comment not yet moderated while the window is open.
func (h *Handlers) WithdrawComment(c echo.Context) error {
	if err := models.WithdrawComment(c.Request().Context(), h.DB.DB, c.Param("id"), CurrentPrincipal(c).User, h.Clock.Now()); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// ListComments is the public list of a consultation's published comments.
func (h *Handlers) ListComments(c echo.Context) error {
	limit, err := pageLimit(c)
	if err != nil {
		return err
	}
	q := c.QueryParams()
	rows, next, err := models.ListPublicComments(c.Request().Context(), h.DB.DB, c.Param("id"), models.PublicCommentFilter{
		ClauseID: q.Get("clause_id"), CommentType: q.Get("comment_type"), StakeholderType: q.Get("stakeholder_type"),
		Country: q.Get("country"), Query: q.Get("q"), Page: models.Page{Cursor: q.Get("cursor"), Limit: limit},
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(rows, next, func(r *models.PublicCommentRow) PublicCommentView {
		var author *models.User
		if !r.AuthorErased {
			author = &models.User{DisplayName: r.AuthorName, Organisation: r.AuthorOrganisation, StakeholderType: r.AuthorStakeholderType, Country: r.AuthorCountry}
		}
		return publicCommentView(&r.Comment, author, r.Disposition)
	}))
}
