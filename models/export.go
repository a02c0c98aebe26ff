package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// ExportRow is one comment as exports show it. In the public scope the author's name and
// organisation appear only for public_named comments, both texts are the published (redacted)
// ones, and staff-only fields stay empty.
type ExportRow struct {
	TrackingNumber     string
	ClauseNumber       string
	ParagraphRef       string
	CommentType        string
	Comment            string
	ProposedChange     string
	AuthorName         string
	AuthorOrganisation string
	StakeholderType    string
	Country            string
	Language           string
	SubmittedAt        time.Time
	Resolution         string
	Response           string
	NextClauseRef      string
	// Staff-only (scope all).
	Publication            string
	Status                 string
	OriginalText           string
	OriginalProposedChange string
	AuthorEmail            string
	ModerationNote         string
}

// ExportLayout is which columns an export carries: the staff columns in scope all, the
// dispositions (resolution, response, next clause) in scope all and, in scope public, once the
// disposition report is published.
type ExportLayout struct {
	Scope        Scope
	Dispositions bool
}

// StartExport is the command that opens an export of a consultation's comments in a scope and
// gives its layout. Every comment (scope all) is for moderators, and each full export is recorded
// in the audit trail in a transaction of its own; the published comments (scope public) are for
// anyone once the window has closed, and for moderators at any time. format names the file
// format, for the record; viewer is nil for an anonymous caller.
func StartExport(ctx context.Context, db *gorm.DB, viewer *User, con *Consultation, scope Scope, format string, now time.Time) (ExportLayout, error) {
	staff := scopeStaff(viewer)
	switch {
	case scope == ScopeAll && viewer == nil:
		return ExportLayout{}, &Error{Code: CodeUnauthenticated, Message: "the full export is for moderators: sign in"}
	case scope == ScopeAll && !staff:
		return ExportLayout{}, Forbidden("the full export is for moderators")
	case scope == ScopePublic && !staff && con.StatusAt(now) != StatusClosed:
		return ExportLayout{}, &Error{Code: CodeNotYetPublic, Message: "the public export opens when the consultation closes on " + con.ClosesAt.UTC().Format("2006-01-02 15:04 MST")}
	}
	if scope == ScopeAll {
		err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			return RecordAudit(ctx, tx, AuditEntry{ActorID: actorID(viewer), Action: "consultation.exported", SubjectType: "consultation",
				SubjectID: con.ID, After: map[string]string{"scope": string(scope), "format": format}}, now)
		})
		if err != nil {
			return ExportLayout{}, err
		}
	}
	return ExportLayout{Scope: scope, Dispositions: showsDispositions(con, scope)}, nil
}

// Columns names the columns of the layout, in order.
func (l ExportLayout) Columns() []string {
	cols := []string{"tracking_number", "clause", "paragraph_ref", "comment_type", "comment", "proposed_change", "author_name",
		"author_organisation", "stakeholder_type", "country", "language", "submitted_at"}
	if l.Dispositions {
		cols = append(cols, "resolution", "response", "next_clause_ref")
	}
	if l.Scope == ScopeAll {
		cols = append(cols, "publication", "status", "original_text", "original_proposed_change", "author_email", "moderation_note")
	}
	return cols
}

// Values lists the row's cells in the order of the layout's Columns.
func (r *ExportRow) Values(l ExportLayout) []string {
	v := []string{r.TrackingNumber, r.ClauseNumber, r.ParagraphRef, r.CommentType, r.Comment, r.ProposedChange, r.AuthorName,
		r.AuthorOrganisation, r.StakeholderType, r.Country, r.Language, r.SubmittedAt.UTC().Format(time.RFC3339)}
	if l.Dispositions {
		v = append(v, r.Resolution, r.Response, r.NextClauseRef)
	}
	if l.Scope == ScopeAll {
		v = append(v, r.Publication, r.Status, r.OriginalText, r.OriginalProposedChange, r.AuthorEmail, r.ModerationNote)
	}
	return v
}

// after continues a keyset scan past the comment id last ("" for the first batch; ids are uuid
// columns on PostgreSQL, which an empty string cannot be compared with).
func after(last string) func(*gorm.DB) *gorm.DB {
	return func(tx *gorm.DB) *gorm.DB {
		if last == "" {
			return tx
		}
		return tx.Where("comments.id > ?", last)
	}
}

// EachExportRow streams a consultation's comments in the layout's scope in order of arrival (ids
// are time-ordered UUIDv7), in batches, so an export of any size holds one batch in memory.
func EachExportRow(ctx context.Context, db *gorm.DB, consultationID string, l ExportLayout, fn func(*ExportRow) error) error {
	type raw struct {
		Comment
		ClauseNumber  string
		AuthorName    string
		AuthorOrg     string
		AuthorType    string
		AuthorCountry string
		AuthorEmail   string
		Resolution    string
		Response      string
		NextClauseRef string
	}
	last := ""
	for {
		var batch []raw
		err := scopedComments(db.WithContext(ctx), consultationID, l.Scope).
			Select(`comments.*, COALESCE(cl.number, '') AS clause_number, COALESCE(u.display_name, '') AS author_name,
				COALESCE(u.organisation, '') AS author_org, COALESCE(u.stakeholder_type, '') AS author_type,
				COALESCE(u.country, '') AS author_country, COALESCE(u.email, '') AS author_email,
				COALESCE(d.resolution, '') AS resolution, COALESCE(d.response, '') AS response, COALESCE(d.next_clause_ref, '') AS next_clause_ref`).
			Joins("LEFT JOIN users u ON u.id = comments.author_id").
			Joins("LEFT JOIN clauses cl ON cl.id = comments.clause_id").
			Joins("LEFT JOIN dispositions d ON d.comment_id = comments.id").
			Scopes(after(last)).Order("comments.id").Limit(500).Scan(&batch).Error
		if err != nil {
			return err
		}
		for i := range batch {
			b := &batch[i]
			row := &ExportRow{TrackingNumber: b.TrackingNumber, ClauseNumber: b.ClauseNumber, ParagraphRef: b.ParagraphRef, CommentType: b.CommentType,
				Comment: b.PublicBody(), ProposedChange: b.PublicProposedChange(), StakeholderType: b.AuthorType, Country: b.AuthorCountry,
				Language: b.Language, SubmittedAt: b.CreatedAt}
			if l.Dispositions {
				row.Resolution, row.Response, row.NextClauseRef = b.Resolution, b.Response, b.NextClauseRef
			}
			if l.Scope == ScopeAll || b.NamesItsAuthor() {
				row.AuthorName, row.AuthorOrganisation = b.AuthorName, b.AuthorOrg
			}
			if l.Scope == ScopeAll {
				row.Publication, row.Status, row.OriginalText, row.OriginalProposedChange = b.Publication, b.Status, b.Body, b.ProposedChange
				row.AuthorEmail, row.ModerationNote = b.AuthorEmail, b.ModerationNote
			}
			if err := fn(row); err != nil {
				return err
			}
		}
		if len(batch) < 500 {
			return nil
		}
		last = batch[len(batch)-1].ID
	}
}
