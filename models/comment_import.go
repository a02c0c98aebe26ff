package models

import (
	"context"
	"strconv"
	"time"

	"gorm.io/gorm"

	"consult/internal/commenttemplate"
	"consult/internal/mailtext"
)

// ImportsPerAccount bounds the template imports of one account: each reads a file of up to
// 10 MB, so it is counted before the file is read, whatever comes of it.
var ImportsPerAccount = Limit{Max: 20, Window: time.Hour}

// TemplateRows reads the rows of an uploaded template. ImportComments calls it only once the
// import is counted, so that an import refused by the limit is never read.
type TemplateRows func() ([]commenttemplate.Row, error)

// ImportComments is the command that imports a filled template: all its rows become comments, or
// none. It fails fast on a closed window, counts the import against ImportsPerAccount (refused
// with rate_limited and the time until the window ends), reads the rows, checks every row and
// clause number (a 422 lists every bad row and column), then in one transaction stores the
// comments with their tracking numbers and queues the receipt mail.
func ImportComments(ctx context.Context, db *gorm.DB, author *User, consultationID string, read TemplateRows, now time.Time, baseURL string) ([]*Comment, error) {
	con, err := FindConsultation(ctx, db, consultationID)
	if err != nil {
		return nil, err
	}
	if err := con.RequireOpen(now); err != nil { // before reading the upload: fail fast
		return nil, err
	}
	// Counted before the work, in a statement of its own: a refused import counts too.
	if _, err := Reserve(ctx, db, now, Throttle{Key: "import:account:" + author.ID, Limit: ImportsPerAccount}); err != nil {
		return nil, err
	}
	rows, err := read()
	if err != nil {
		return nil, err
	}
	comments, err := checkTemplateRows(ctx, db, con, rows)
	if err != nil {
		return nil, err
	}
	var created []*Comment
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if created, err = storeTemplateRows(ctx, tx, author, con.ID, comments, now); err != nil {
			return err
		}
		numbers := make([]string, len(created))
		for i, cm := range created {
			numbers[i] = cm.TrackingNumber
		}
		t := mailtext.ImportReceipt(baseURL, con.Title, numbers)
		return EnqueueMail(ctx, tx, author.Email, t.Subject, t.Body, now)
	})
	if err != nil {
		return nil, err
	}
	return created, nil
}

// templateComment is a row of a template as a comment, with the line it came from.
type templateComment struct {
	line int
	in   NewComment
}

// checkTemplateRows checks the rows against the template's rules and the clause numbers of the
// consultation's document, and returns them as comments.
func checkTemplateRows(ctx context.Context, db *gorm.DB, con *Consultation, rows []commenttemplate.Row) ([]templateComment, error) {
	clauseIDs, _, err := ClauseNumbers(ctx, db, con.DocumentID)
	if err != nil {
		return nil, err
	}
	known := make(map[string]bool, len(clauseIDs))
	for n := range clauseIDs {
		known[n] = true
	}
	rows, problems := commenttemplate.Validate(rows, known)
	if len(problems) > 0 {
		return nil, TemplateProblems(problems)
	}
	if len(rows) == 0 {
		return nil, Invalid("the template holds no comments", FieldError{Field: "file", Message: "fill at least one row below the header"})
	}
	out := make([]templateComment, len(rows))
	for i, r := range rows {
		out[i] = templateComment{line: r.Line, in: NewComment{CommentType: r.CommentType, Body: r.Comment, ProposedChange: r.ProposedChange,
			Publication: r.Publication, ParagraphRef: r.Paragraph}}
		if id, ok := clauseIDs[r.Clause]; ok {
			out[i].in.ClauseID = &id
		}
	}
	return out, nil
}

// storeTemplateRows stores the rows as comments all or nothing, in tx: the window must be open and
// every row valid, and each row gets its tracking number.
func storeTemplateRows(ctx context.Context, tx *gorm.DB, author *User, consultationID string, rows []templateComment, now time.Time) ([]*Comment, error) {
	con, err := FindConsultation(ctx, tx, consultationID)
	if err != nil {
		return nil, err
	}
	if err := con.RequireOpen(now); err != nil {
		return nil, err
	}
	var fields []FieldError
	for _, r := range rows {
		for _, fe := range r.in.validate() {
			fields = append(fields, FieldError{Field: "row " + strconv.Itoa(r.line) + ": " + fe.Field, Message: fe.Message})
		}
	}
	if len(fields) > 0 {
		return nil, Invalid("some rows of the template are not valid; nothing was imported", fields...)
	}
	out := make([]*Comment, len(rows))
	for i, r := range rows {
		out[i] = newCommentRow(con, author, r.in, now)
	}
	if err := insertWithTrackingNumbers(tx, con, out); err != nil {
		return nil, err
	}
	return out, nil
}

// TemplateProblems is the validation error that lists the problems of a template by row and
// column.
func TemplateProblems(problems []commenttemplate.Problem) error {
	fields := make([]FieldError, 0, len(problems))
	for _, p := range problems {
		field := "row " + strconv.Itoa(p.Line)
		if p.Column != "" {
			field += ", " + p.Column
		}
		fields = append(fields, FieldError{Field: field, Message: p.Message})
	}
	return Invalid("the template has "+strconv.Itoa(len(problems))+" problem(s); nothing was imported", fields...)
}

// TemplateClauses returns a consultation and the clause numbers of its document, in order, for
// its blank comment template. The consultation is not found while its document is not visible to
// the caller (staff: whether the caller is staff).
func TemplateClauses(ctx context.Context, db *gorm.DB, consultationID string, staff bool, now time.Time) (*Consultation, []string, error) {
	con, err := FindConsultation(ctx, db, consultationID)
	if err != nil {
		return nil, nil, err
	}
	if _, err := FindDocument(ctx, db, con.DocumentID, staff, now); err != nil {
		return nil, nil, NotFound("consultation")
	}
	_, numbers, err := ClauseNumbers(ctx, db, con.DocumentID)
	if err != nil {
		return nil, nil, err
	}
	return con, numbers, nil
}

// ClauseNumbers maps the clause numbers of a consultation's document to their ids.
func ClauseNumbers(ctx context.Context, db *gorm.DB, documentID string) (map[string]string, []string, error) {
	var rows []Clause
	if err := db.WithContext(ctx).Select("id, number").Where("document_id = ?", documentID).Order("position").Find(&rows).Error; err != nil {
		return nil, nil, err
	}
	ids := make(map[string]string, len(rows))
	order := make([]string, 0, len(rows))
	for _, r := range rows {
		ids[r.Number] = r.ID
		order = append(order, r.Number)
	}
	return ids, order, nil
}
