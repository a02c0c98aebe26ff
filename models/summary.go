package models

import (
	"context"

	"gorm.io/gorm"
)

// Summary counts a consultation's comments along the dimensions a report needs. In the public
// scope ByResolution stays empty until the disposition report is published.
type Summary struct {
	ConsultationID    string         `json:"consultation_id"`
	Scope             Scope          `json:"scope"`
	Total             int            `json:"total"`
	ByStakeholderType map[string]int `json:"by_stakeholder_type"`
	ByCountry         map[string]int `json:"by_country"`
	ByClause          map[string]int `json:"by_clause"`
	ByCommentType     map[string]int `json:"by_comment_type"`
	ByDay             map[string]int `json:"by_day"`
	ByStatus          map[string]int `json:"by_status"`
	ByResolution      map[string]int `json:"by_resolution"`
}

// scopedComments limits a query on comments of a consultation to a scope: public means published
// and not confidential; all means every comment.
func scopedComments(db *gorm.DB, consultationID string, scope Scope) *gorm.DB {
	tx := db.Table("comments").Where("comments.consultation_id = ?", consultationID)
	if scope == ScopePublic {
		tx = tx.Where("comments.status = ? AND comments.publication <> ?", CommentPublished, Confidential)
	}
	return tx
}

// showsDispositions says whether a scope of the consultation may carry resolutions and responses:
// staff always see them, the public once the disposition report is published.
func showsDispositions(con *Consultation, scope Scope) bool {
	return scope == ScopeAll || con.ReportPublishedAt != nil
}

// ConsultationSummary counts the comments of a scope with one SQL aggregate (GROUP BY) a
// dimension, so the database counts and no comment row is read into memory.
func ConsultationSummary(ctx context.Context, db *gorm.DB, con *Consultation, scope Scope) (*Summary, error) {
	tx := db.WithContext(ctx)
	s := &Summary{ConsultationID: con.ID, Scope: scope, ByStakeholderType: map[string]int{}, ByCountry: map[string]int{},
		ByClause: map[string]int{}, ByCommentType: map[string]int{}, ByDay: map[string]int{}, ByStatus: map[string]int{}, ByResolution: map[string]int{}}
	var total int64
	if err := scopedComments(tx, con.ID, scope).Count(&total).Error; err != nil {
		return nil, err
	}
	s.Total = int(total)
	dimensions := []summaryDimension{
		{into: s.ByStakeholderType, key: "COALESCE(u.stakeholder_type, '')", join: joinAuthor, unknown: "erased_account"},
		{into: s.ByCountry, key: "COALESCE(u.country, '')", join: joinAuthor, unknown: "erased_account"},
		{into: s.ByClause, key: "COALESCE(cl.number, '')", join: "LEFT JOIN clauses cl ON cl.id = comments.clause_id", unknown: "general"},
		{into: s.ByCommentType, key: "comments.comment_type"},
		{into: s.ByDay, key: utcDay(tx)},
		{into: s.ByStatus, key: "comments.status"},
	}
	if showsDispositions(con, scope) {
		dimensions = append(dimensions, summaryDimension{into: s.ByResolution, key: "COALESCE(d.resolution, '')",
			join: "LEFT JOIN dispositions d ON d.comment_id = comments.id", unknown: "none_yet"})
	}
	for _, d := range dimensions {
		if err := d.count(tx, con.ID, scope); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// joinAuthor joins each comment's author, for the counts by stakeholder type and country.
const joinAuthor = "LEFT JOIN users u ON u.id = comments.author_id"

// summaryDimension is one count of a summary: the comments grouped by the SQL expression key
// (over the join, if any), an empty key counted as unknown.
type summaryDimension struct {
	into      map[string]int
	key, join string
	unknown   string
}

func (d summaryDimension) count(tx *gorm.DB, consultationID string, scope Scope) error {
	var groups []struct {
		Bucket string
		N      int
	}
	q := scopedComments(tx, consultationID, scope).Select(d.key + " AS bucket, COUNT(*) AS n").Group(d.key)
	if d.join != "" {
		q = q.Joins(d.join)
	}
	if err := q.Scan(&groups).Error; err != nil {
		return err
	}
	for _, g := range groups {
		d.into[orUnknown(g.Bucket, d.unknown)] += g.N
	}
	return nil
}

// utcDay is the SQL expression of a comment's day of arrival in UTC (YYYY-MM-DD): created_at is a
// timestamptz on PostgreSQL and an ISO 8601 text with its offset on SQLite, whose date() gives UTC.
func utcDay(tx *gorm.DB) string {
	if tx.Name() == "postgres" {
		return "to_char(comments.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
	}
	return "date(comments.created_at)"
}

func orUnknown(v, instead string) string {
	if v == "" {
		return instead
	}
	return v
}
