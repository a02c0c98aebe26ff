package models

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
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

// exportBatch is how many comments one read of an export takes.
const exportBatch = 1000

// exportColumns are the columns every export reads, in the order of exportRecord.destinations:
// only what a row shows or decides (a comment's signature, quote and anchors stay in the
// database). The staff's and the dispositions' columns follow when the layout shows them:
// PostgreSQL spends its time on an export per column of each row sent, and a public export
// without dispositions needs 17 of the 23.
const exportColumns = `comments.id, comments.tracking_number, comments.paragraph_ref, comments.comment_type, comments.body,
	comments.proposed_change, comments.redacted_body, comments.redacted_proposed_change, comments.publication,
	comments.language, comments.created_at, COALESCE(cl.number, ''), COALESCE(cl.heading, ''), COALESCE(u.display_name, ''),
	COALESCE(u.organisation, ''), COALESCE(u.stakeholder_type, ''), COALESCE(u.country, '')`

// Read besides exportColumns in scope all, and for the dispositions.
const (
	staffExportColumns       = `comments.status, comments.moderation_note, COALESCE(u.email, '')`
	dispositionExportColumns = `COALESCE(d.resolution, ''), COALESCE(d.response, ''), COALESCE(d.next_clause_ref, '')`
)

// exportSelection lists the columns an export in layout l reads.
func exportSelection(l ExportLayout) string {
	columns := exportColumns
	if l.Scope == ScopeAll {
		columns += ", " + staffExportColumns
	}
	if l.Dispositions {
		columns += ", " + dispositionExportColumns
	}
	return columns
}

// exportRecord is one row as the export query reads it.
type exportRecord struct {
	comment Comment
	row     ExportRow
	email   string
}

// destinations are the fields that a row of the export query in layout l is scanned into, in the
// order of exportSelection: built once per export, not once per row (pointers in interfaces, a
// fifth of what an export allocated per row).
func (r *exportRecord) destinations(l ExportLayout) []any {
	c, x := &r.comment, &r.row
	dest := []any{&c.ID, &c.TrackingNumber, &c.ParagraphRef, &c.CommentType, &c.Body, &c.ProposedChange, &c.RedactedBody,
		&c.RedactedProposedChange, &c.Publication, &c.Language, &c.CreatedAt,
		&x.ClauseNumber, &x.ClauseHeading, &x.AuthorName, &x.AuthorOrganisation, &x.StakeholderType, &x.Country}
	if l.Scope == ScopeAll {
		dest = append(dest, &c.Status, &c.ModerationNote, &r.email)
	}
	if l.Dispositions {
		dest = append(dest, &x.Resolution, &x.Response, &x.NextClauseRef)
	}
	return dest
}

// exportRow is the record as the layout shows it.
func (r *exportRecord) exportRow(l ExportLayout) *ExportRow {
	c, x := &r.comment, r.row
	row := &ExportRow{TrackingNumber: c.TrackingNumber, ClauseNumber: x.ClauseNumber, ClauseHeading: x.ClauseHeading, ParagraphRef: c.ParagraphRef,
		CommentType: c.CommentType, Comment: c.PublicBody(), ProposedChange: c.PublicProposedChange(), StakeholderType: x.StakeholderType,
		Country: x.Country, Language: c.Language, SubmittedAt: c.CreatedAt}
	if l.Dispositions {
		row.Resolution, row.Response, row.NextClauseRef = x.Resolution, x.Response, x.NextClauseRef
	}
	if l.Scope == ScopeAll || c.NamesItsAuthor() {
		row.AuthorName, row.AuthorOrganisation = x.AuthorName, x.AuthorOrganisation
	}
	if l.Scope == ScopeAll {
		row.Publication, row.Status, row.OriginalText, row.OriginalProposedChange = c.Publication, c.Status, c.Body, c.ProposedChange
		row.AuthorEmail, row.ModerationNote = r.email, c.ModerationNote
	}
	return row
}

// EachExportRow streams a consultation's comments in the layout's scope in order of arrival (ids
// are time-ordered UUIDv7), holding one row at a time (SQLite: one batch). Rows are scanned
// straight into their fields: at a million rows, reflection and unused columns were most of the
// time an export took beyond the database's own.
//
// On PostgreSQL it is one query whose rows the driver streams, as COPY would: reading in batches
// of 1,000 paid the joins' set-up and an index descent per batch, 2.5 s of 4 s for 85,000 rows.
// SQLite reads in batches, so that no read transaction lasts the whole export (a long one stops
// the write-ahead log from being checkpointed).
func EachExportRow(ctx context.Context, db *gorm.DB, consultationID string, l ExportLayout, fn func(*ExportRow) error) error {
	if db.Name() != "postgres" {
		return eachExportRow(ctx, db, consultationID, l, nil, fn)
	}
	query := exportJoins(db.Session(&gorm.Session{DryRun: true}).Scopes(func(tx *gorm.DB) *gorm.DB {
		return scopedComments(tx, consultationID, l.Scope)
	}), l).Order("comments.id").Find(&[]exportRecord{}).Statement
	return eachPostgresRow(ctx, db, query.SQL.String(), query.Vars, l, func(r *exportRecord) error { return fn(r.exportRow(l)) })
}

// eachPostgresRow runs query on one of db's connections through pgx itself rather than
// database/sql, and calls fn with each row: database/sql's locking and conversion of every value
// to an interface and back cost a third of a large export's processor time.
func eachPostgresRow(ctx context.Context, db *gorm.DB, query string, args []any, l ExportLayout, fn func(*exportRecord) error) error {
	return withPgxConn(ctx, db, func(conn *pgx.Conn) error {
		rows, err := conn.Query(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		_, err = eachRecord(rows, l, fn)
		return err
	})
}

// exportJoins selects the export's columns of the comments of tx with their authors, clauses and,
// when the layout shows them, dispositions.
func exportJoins(tx *gorm.DB, l ExportLayout) *gorm.DB {
	tx = tx.Select(exportSelection(l)).
		Joins("LEFT JOIN users u ON u.id = comments.author_id").
		Joins("LEFT JOIN clauses cl ON cl.id = comments.clause_id")
	if l.Dispositions {
		return tx.Joins("LEFT JOIN dispositions d ON d.comment_id = comments.id")
	}
	return tx
}

// eachExportRow is EachExportRow over the comments that narrow keeps (all of them when nil).
func eachExportRow(ctx context.Context, db *gorm.DB, consultationID string, l ExportLayout, narrow func(*gorm.DB) *gorm.DB, fn func(*ExportRow) error) error {
	last := ""
	for {
		// The next comments first, alone (a range of comments_consultation_id_idx), then their joins:
		// the joins never see more than one batch, whatever the planner thinks of the table.
		next := scopedComments(db, consultationID, l.Scope).Scopes(after(last)).Order("comments.id").Limit(exportBatch)
		if narrow != nil {
			next = next.Scopes(narrow)
		}
		n, err := eachJoinedRow(exportJoins(db.WithContext(ctx).Table("(?) AS comments", next), l).Order("comments.id"), l, func(r *exportRecord) error {
			last = r.comment.ID
			return fn(r.exportRow(l))
		})
		if err != nil || n < exportBatch {
			return err
		}
	}
}

// eachJoinedRow runs query, in layout l, and calls fn with each of its rows, and counts them.
func eachJoinedRow(query *gorm.DB, l ExportLayout, fn func(*exportRecord) error) (int, error) {
	rows, err := query.Rows()
	if err != nil {
		return 0, err
	}
	defer func() { _ = rows.Close() }()
	n, err := eachRecord(rows, l, fn)
	if err != nil {
		return n, err
	}
	return n, rows.Err()
}

// recordRows are the rows of an export query, from database/sql or from pgx.
type recordRows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// eachRecord calls fn with each row of an export query in layout l and counts them; the caller
// closes rows.
func eachRecord(rows recordRows, l ExportLayout, fn func(*exportRecord) error) (int, error) {
	n := 0
	var r exportRecord
	dest := r.destinations(l)
	for rows.Next() {
		r = exportRecord{}
		if err := rows.Scan(dest...); err != nil {
			return n, err
		}
		if err := fn(&r); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}
