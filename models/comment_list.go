package models

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// PublicCommentFilter narrows the public list of a consultation's comments.
type PublicCommentFilter struct {
	ClauseID        string
	CommentType     string
	StakeholderType string
	Country         string
	Query           string // full text, words matched in the public body and proposed change
	Page
}

// PublicCommentRow is a published comment with what the public may learn of its author.
type PublicCommentRow struct {
	Comment
	AuthorName            string
	AuthorOrganisation    string
	AuthorStakeholderType string
	AuthorCountry         string
	AuthorErased          bool
	// Disposition is the decision on the comment once the consultation's disposition-of-comments
	// report is published; nil before, or when there is none.
	Disposition *Disposition `gorm:"-"`
}

// ListPublicComments returns published, non-confidential comments of a consultation in a stable
// order (submission order), with the filters applied in the database, and their dispositions once
// the report is published.
func ListPublicComments(ctx context.Context, db *gorm.DB, consultationID string, f PublicCommentFilter) ([]PublicCommentRow, *string, error) {
	con, err := FindConsultation(ctx, db, consultationID)
	if err != nil {
		return nil, nil, err
	}
	var errs []FieldError
	if f.ClauseID != "" && !ValidID(f.ClauseID) {
		errs = append(errs, FieldError{Field: "clause_id", Message: "is not a clause id"})
	}
	if f.CommentType != "" && !slices.Contains(CommentTypes, f.CommentType) {
		errs = append(errs, FieldError{Field: "comment_type", Message: "must be general, technical or editorial"})
	}
	if f.StakeholderType != "" && !ValidStakeholderType(f.StakeholderType) {
		errs = append(errs, FieldError{Field: "stakeholder_type", Message: "is not a stakeholder type"})
	}
	if f.Country != "" && !ValidCountry(f.Country) {
		errs = append(errs, FieldError{Field: "country", Message: "must be an ISO 3166-1 alpha-2 code in capitals"})
	}
	if tooLong(f.Query, MaxSearchQuery) {
		errs = append(errs, FieldError{Field: "q", Message: "is longer than " + strconv.Itoa(MaxSearchQuery) + " characters"})
	}
	if len(errs) > 0 {
		return nil, nil, Invalid("the query has invalid parameters", errs...)
	}
	tx, err := f.apply(db.WithContext(ctx).Table("comments"), "comments.id", false)
	if err != nil {
		return nil, nil, err
	}
	tx = tx.Select(commentColumns+`, COALESCE(u.display_name, '') AS author_name, COALESCE(u.organisation, '') AS author_organisation,
		COALESCE(u.stakeholder_type, '') AS author_stakeholder_type, COALESCE(u.country, '') AS author_country, u.id IS NULL AS author_erased`).
		Joins("LEFT JOIN users u ON u.id = comments.author_id").
		Where("comments.consultation_id = ? AND comments.status = ? AND comments.publication <> ?", consultationID, CommentPublished, Confidential)
	if f.ClauseID != "" {
		tx = tx.Where("comments.clause_id = ?", f.ClauseID)
	}
	if f.CommentType != "" {
		tx = tx.Where("comments.comment_type = ?", f.CommentType)
	}
	if f.StakeholderType != "" {
		tx = tx.Where("u.stakeholder_type = ?", f.StakeholderType)
	}
	if f.Country != "" {
		tx = tx.Where("u.country = ?", f.Country)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		tx = fullText(tx, q)
	}
	var rows []PublicCommentRow
	if err := tx.Scan(&rows).Error; err != nil {
		return nil, nil, err
	}
	items, next := nextCursor(rows, f.Limit, func(r PublicCommentRow) string { return r.ID })
	ids := make([]string, 0, len(items))
	for i := range items {
		ids = append(ids, items[i].ID)
	}
	dispositions, err := publicDispositions(ctx, db, con, ids)
	if err != nil {
		return nil, nil, err
	}
	for i := range items {
		if d, ok := dispositions[items[i].ID]; ok {
			items[i].Disposition = &d
		}
	}
	return items, next, nil
}

// publicDispositions returns the dispositions of the given comments of con that the public may
// read: all of them once the disposition-of-comments report is published, none before.
func publicDispositions(ctx context.Context, db *gorm.DB, con *Consultation, commentIDs []string) (map[string]Disposition, error) {
	if con.ReportPublishedAt == nil {
		return map[string]Disposition{}, nil
	}
	return DispositionsOf(ctx, db, commentIDs)
}

// fullText matches every word of q in the texts the public reads (the redacted ones where a
// moderator redacted, else the originals), so a removed word finds nothing and a word of the
// redacted text finds the comment: PostgreSQL's text search (simple configuration) of the
// generated column search_vector and its index comments_search_idx (migration 00019), or SQLite's FTS5 table comments_fts,
// which its triggers fill with the same texts. Words are quoted, so no query syntax reaches either
// engine. The PostgreSQL index holds only published, non-confidential comments (migration 00022):
// the query states that predicate as constants, which the planner needs to prove the index applies
// whatever plan it keeps for the prepared statement.
func fullText(tx *gorm.DB, q string) *gorm.DB {
	words := strings.Fields(q)
	if tx.Name() == "postgres" {
		return tx.Where("comments.status = '"+CommentPublished+"' AND comments.publication <> '"+Confidential+"'"+
			" AND comments.search_vector @@ plainto_tsquery('simple', ?)", strings.Join(words, " "))
	}
	quoted := make([]string, 0, len(words))
	for _, w := range words {
		quoted = append(quoted, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
	}
	return tx.Where("comments.rowid IN (SELECT rowid FROM comments_fts WHERE comments_fts MATCH ?)", strings.Join(quoted, " "))
}
