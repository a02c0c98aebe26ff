package models

import (
	"context"
	"time"

	"gorm.io/gorm"

	"consult/internal/export"
)

// ExportRow is one comment as exports show it. In the public scope the author's name and
// organisation appear only for public_named comments, both texts are the published (redacted)
// ones, and staff-only fields stay empty.
type ExportRow struct {
	TrackingNumber     string
	ClauseNumber       string
	ClauseHeading      string
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
	return startExport(ctx, db, viewer, scopeStaff(viewer), con, scope, format, now)
}

// StartCommandLineExport is StartExport for the command line (consult export), which reads the
// database directly and so may take every scope at any time; a full export is recorded in the
// audit trail with the command line as its actor (no user), as every command-line task is.
func StartCommandLineExport(ctx context.Context, db *gorm.DB, con *Consultation, scope Scope, format string, now time.Time) (ExportLayout, error) {
	return startExport(ctx, db, nil, true, con, scope, format, now)
}

func startExport(ctx context.Context, db *gorm.DB, viewer *User, staff bool, con *Consultation, scope Scope, format string, now time.Time) (ExportLayout, error) {
	switch {
	case scope == ScopeAll && viewer == nil && !staff:
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

// Columns lists the columns of the layout, in order: first the standards bodies' comment layout
// (number, organisation or stakeholder type, country, clause, clause heading, paragraph, type,
// comment, proposed change, resolution, response), then the rest.
func (l ExportLayout) Columns() []export.Column {
	cols := []export.Column{{Key: "tracking_number", Heading: "Number", Width: 22}, {Key: "submitted_by", Heading: "Organisation or stakeholder type", Width: 26},
		{Key: "country", Heading: "Country", Width: 9}, {Key: "clause", Heading: "Clause", Width: 10}, {Key: "clause_heading", Heading: "Clause heading", Width: 28},
		{Key: "paragraph_ref", Heading: "Paragraph", Width: 12}, {Key: "comment_type", Heading: "Comment type", Width: 13},
		{Key: "comment", Heading: "Comment", Width: 60}, {Key: "proposed_change", Heading: "Proposed change", Width: 50}}
	if l.Dispositions {
		cols = append(cols, export.Column{Key: "resolution", Heading: "Resolution", Width: 18}, export.Column{Key: "response", Heading: "Response", Width: 50})
	}
	cols = append(cols, export.Column{Key: "author_name", Heading: "Author", Width: 22}, export.Column{Key: "author_organisation", Heading: "Organisation", Width: 24},
		export.Column{Key: "stakeholder_type", Heading: "Stakeholder type", Width: 18}, export.Column{Key: "language", Heading: "Language", Width: 10},
		export.Column{Key: "submitted_at", Heading: "Submitted at (UTC)", Width: 21})
	if l.Dispositions {
		cols = append(cols, export.Column{Key: "next_clause_ref", Heading: "Clause in the next version", Width: 14})
	}
	if l.Scope == ScopeAll {
		cols = append(cols, export.Column{Key: "publication", Heading: "Publication", Width: 16}, export.Column{Key: "status", Heading: "Status", Width: 11},
			export.Column{Key: "original_text", Heading: "Original comment", Width: 60}, export.Column{Key: "original_proposed_change", Heading: "Original proposed change", Width: 50},
			export.Column{Key: "author_email", Heading: "Author email", Width: 28}, export.Column{Key: "moderation_note", Heading: "Moderation note", Width: 40})
	}
	return cols
}

// SubmittedBy is who a comment comes from as the standards layout names it: the organisation
// when the author is named and has one, else the stakeholder type.
func (r *ExportRow) SubmittedBy() string {
	if r.AuthorOrganisation != "" {
		return r.AuthorOrganisation
	}
	return r.StakeholderType
}

// Values lists the row's cells in the order of the layout's Columns.
func (r *ExportRow) Values(l ExportLayout) []string {
	v := []string{r.TrackingNumber, r.SubmittedBy(), r.Country, r.ClauseNumber, r.ClauseHeading, r.ParagraphRef, r.CommentType, r.Comment, r.ProposedChange}
	if l.Dispositions {
		v = append(v, r.Resolution, r.Response)
	}
	v = append(v, r.AuthorName, r.AuthorOrganisation, r.StakeholderType, r.Language, r.SubmittedAt.UTC().Format(time.RFC3339))
	if l.Dispositions {
		v = append(v, r.NextClauseRef)
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
	return eachExportRow(ctx, db, consultationID, l, nil, fn)
}

// eachExportRow is EachExportRow over the comments that narrow keeps (all of them when nil).
func eachExportRow(ctx context.Context, db *gorm.DB, consultationID string, l ExportLayout, narrow func(*gorm.DB) *gorm.DB, fn func(*ExportRow) error) error {
	type raw struct {
		Comment
		ClauseNumber  string
		ClauseHeading string
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
		// The next comments first, alone (a range of comments_consultation_id_idx), then their joins:
		// the joins never see more than one batch, whatever the planner thinks of the table.
		next := scopedComments(db, consultationID, l.Scope).Scopes(after(last)).Order("comments.id").Limit(500)
		if narrow != nil {
			next = next.Scopes(narrow)
		}
		err := db.WithContext(ctx).Table("(?) AS comments", next).
			Select(`comments.*, COALESCE(cl.number, '') AS clause_number, COALESCE(cl.heading, '') AS clause_heading, COALESCE(u.display_name, '') AS author_name,
				COALESCE(u.organisation, '') AS author_org, COALESCE(u.stakeholder_type, '') AS author_type,
				COALESCE(u.country, '') AS author_country, COALESCE(u.email, '') AS author_email,
				COALESCE(d.resolution, '') AS resolution, COALESCE(d.response, '') AS response, COALESCE(d.next_clause_ref, '') AS next_clause_ref`).
			Joins("LEFT JOIN users u ON u.id = comments.author_id").
			Joins("LEFT JOIN clauses cl ON cl.id = comments.clause_id").
			Joins("LEFT JOIN dispositions d ON d.comment_id = comments.id").
			Order("comments.id").Scan(&batch).Error
		if err != nil {
			return err
		}
		for i := range batch {
			b := &batch[i]
			row := &ExportRow{TrackingNumber: b.TrackingNumber, ClauseNumber: b.ClauseNumber, ClauseHeading: b.ClauseHeading, ParagraphRef: b.ParagraphRef, CommentType: b.CommentType,
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
