package models

import (
	"context"
	"time"

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

// ConsultationSummary counts the comments of a scope in one pass over the rows.
func ConsultationSummary(ctx context.Context, db *gorm.DB, con *Consultation, scope Scope) (*Summary, error) {
	var rows []struct {
		StakeholderType string
		Country         string
		ClauseNumber    string
		CommentType     string
		CreatedAt       time.Time
		Status          string
		Resolution      string
	}
	err := scopedComments(db.WithContext(ctx), con.ID, scope).
		Select(`COALESCE(u.stakeholder_type, '') AS stakeholder_type, COALESCE(u.country, '') AS country,
			COALESCE(cl.number, '') AS clause_number, comments.comment_type, comments.created_at, comments.status,
			COALESCE(d.resolution, '') AS resolution`).
		Joins("LEFT JOIN users u ON u.id = comments.author_id").
		Joins("LEFT JOIN clauses cl ON cl.id = comments.clause_id").
		Joins("LEFT JOIN dispositions d ON d.comment_id = comments.id").
		Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	resolutions := showsDispositions(con, scope)
	s := &Summary{ConsultationID: con.ID, Scope: scope, ByStakeholderType: map[string]int{}, ByCountry: map[string]int{},
		ByClause: map[string]int{}, ByCommentType: map[string]int{}, ByDay: map[string]int{}, ByStatus: map[string]int{}, ByResolution: map[string]int{}}
	for _, r := range rows {
		s.Total++
		s.ByStakeholderType[orUnknown(r.StakeholderType, "erased_account")]++
		s.ByCountry[orUnknown(r.Country, "erased_account")]++
		s.ByClause[orUnknown(r.ClauseNumber, "general")]++
		s.ByCommentType[r.CommentType]++
		s.ByDay[r.CreatedAt.UTC().Format(time.DateOnly)]++
		s.ByStatus[r.Status]++
		if resolutions {
			s.ByResolution[orUnknown(r.Resolution, "none_yet")]++
		}
	}
	return s, nil
}

func orUnknown(v, instead string) string {
	if v == "" {
		return instead
	}
	return v
}
