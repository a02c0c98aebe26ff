package models

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"consult/internal/mailtext"
	"consult/internal/neardup"
)

// NewComment is what a stakeholder submits.
type NewComment struct {
	ClauseID       *string
	CommentType    string
	Body           string
	ProposedChange string
	Quote          *Quote
	Publication    string
	Language       string
	ParagraphRef   string // paragraph, figure or table of the clause, as the template names it
}

// validate checks the fields that need no database and lists every problem.
func (in *NewComment) validate() []FieldError {
	var errs []FieldError
	add := func(fe *FieldError) {
		if fe != nil {
			errs = append(errs, *fe)
		}
	}
	if !slices.Contains(CommentTypes, in.CommentType) {
		errs = append(errs, FieldError{Field: "comment_type", Message: "must be general, technical or editorial"})
	}
	add(checkLongText("body", in.Body, true, MaxCommentBody))
	add(checkLongText("proposed_change", in.ProposedChange, false, MaxCommentBody))
	if !slices.Contains([]string{PublicNamed, PublicAnonymous, Confidential}, in.Publication) {
		errs = append(errs, FieldError{Field: "publication", Message: "must be public_named, public_anonymous or confidential"})
	}
	if fe := checkText("paragraph_ref", in.ParagraphRef, false, 200); fe != nil {
		errs = append(errs, *fe)
	}
	if in.Language != "" && !validLanguageTag(in.Language) {
		errs = append(errs, FieldError{Field: "language", Message: "must be a language code such as en, fr or pt-BR"})
	}
	if in.ClauseID != nil {
		add(checkID("clause_id", *in.ClauseID, "a clause id"))
	}
	if in.Quote != nil {
		if in.ClauseID == nil {
			errs = append(errs, FieldError{Field: "quote", Message: "a quote needs the clause_id it comes from"})
		}
		add(checkLongText("quote.exact", in.Quote.Exact, true, MaxCommentBody))
		add(checkLongText("quote.prefix", in.Quote.Prefix, false, MaxQuoteContext))
		add(checkLongText("quote.suffix", in.Quote.Suffix, false, MaxQuoteContext))
	}
	return errs
}

// SubmitComment is the command that stores a stakeholder's comment on an open consultation (the
// window is open when opens_at <= now < closes_at). It checks the fields and the anchor, then
// stores at once, all or nothing, the comment with its tracking number, its receipt mail and the
// Idempotency-Key. A retry with the same key and request creates nothing and returns the comment
// the first one created, with replayed true; the same key with another request is refused with
// idempotency_key_reused.
func SubmitComment(ctx context.Context, db *gorm.DB, author *User, consultationID string, in NewComment, idem Idempotency, now time.Time, baseURL string) (c *Comment, replayed bool, err error) {
	if err := idem.validate(); err != nil {
		return nil, false, err
	}
	// Kept to the microsecond, as the database keeps it, so that a replay shows the same times.
	now = now.Truncate(time.Microsecond)
	hash := idem.hash(consultationID)
	con, c, err := checkComment(ctx, db, author, consultationID, in, now)
	var sub *newSubmission
	if err == nil {
		receipt := func(c *Comment) *MailMessage {
			t := mailtext.CommentReceipt(baseURL, con.Title, c.TrackingNumber, c.CommentType, c.Publication, c.Body)
			return newMail(author.Email, t.Subject, t.Body, now)
		}
		sub = &newSubmission{con: con, comment: c, receipt: receipt, key: idem.row(author.ID, hash, c.ID, now)}
		err = storeComment(ctx, db, sub)
	}
	switch {
	case errors.Is(err, errKeyTaken):
		c, err = idem.replayedComment(ctx, db, author, hash)
		return c, err == nil, err
	case err != nil && idem.Key != "":
		// A retry that fails now (the window has closed since) still answers with what the key
		// created, if anything.
		if c, replayErr := idem.replayedComment(ctx, db, author, hash); !errors.Is(replayErr, gorm.ErrRecordNotFound) {
			return c, replayErr == nil, replayErr
		}
		return nil, false, err
	case err != nil:
		return nil, false, err
	}
	QueuedMail.Add(sub.mail.ID)
	return c, false, nil
}

// checkComment reads the consultation, checks that its window is open and that the comment's
// fields and anchor are valid, and returns the comment's row, not stored yet.
func checkComment(ctx context.Context, db *gorm.DB, author *User, consultationID string, in NewComment, now time.Time) (*Consultation, *Comment, error) {
	con, err := findOpenConsultation(ctx, db, consultationID, now)
	if err != nil {
		return nil, nil, err
	}
	errs := in.validate()
	if in.ClauseID != nil && len(errs) == 0 {
		errs = append(errs, checkAnchor(db.WithContext(ctx), con, in)...)
	}
	if len(errs) > 0 {
		return nil, nil, Invalid("the comment has invalid fields", errs...)
	}
	return con, newCommentRow(con, author, in, now), nil
}

// newCommentRow builds the row of a new comment; one that names no language takes its author's
// profile language.
func newCommentRow(con *Consultation, author *User, in NewComment, now time.Time) *Comment {
	if in.Language == "" {
		in.Language = author.Language
	}
	c := &Comment{
		ID: NewID(), ConsultationID: con.ID, ClauseID: in.ClauseID, AuthorID: &author.ID, CommentType: in.CommentType,
		Body: in.Body, ProposedChange: in.ProposedChange, Publication: in.Publication, Language: in.Language, ParagraphRef: in.ParagraphRef,
		Status: CommentSubmitted, Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	if in.Quote != nil {
		c.QuoteExact, c.QuotePrefix, c.QuoteSuffix = in.Quote.Exact, in.Quote.Prefix, in.Quote.Suffix
	}
	if sig, err := neardup.Sign(neardup.DefaultConfig(), in.Body+"\n"+in.ProposedChange); err == nil {
		c.Signature = sig.Bytes()
	}
	return c
}

// checkAnchor makes sure the clause belongs to the consultation's document and the quote occurs in it.
// The clause id has the shape of an id (validate checked it).
func checkAnchor(tx *gorm.DB, con *Consultation, in NewComment) []FieldError {
	cl, found, err := findClauseAnchor(tx, *in.ClauseID)
	if err != nil || !found || cl.DocumentID != con.DocumentID {
		return []FieldError{{Field: "clause_id", Message: "names no clause of this consultation's document"}}
	}
	if in.Quote != nil && !strings.Contains(cl.Text, in.Quote.Exact) {
		return []FieldError{{Field: "quote.exact", Message: "does not occur in clause " + cl.Number}}
	}
	return nil
}
