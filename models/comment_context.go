package models

import (
	"context"

	"gorm.io/gorm"
)

// CommentPlace says where a comment belongs: its consultation's title and, unless it is a general
// comment, its clause's number and heading.
type CommentPlace struct {
	ConsultationTitle string
	ClauseNumber      *string
	ClauseHeading     *string
}

// CommentPlaces finds the place of each listed comment in two queries, keyed by comment id.
func CommentPlaces(ctx context.Context, db *gorm.DB, comments []Comment) (map[string]CommentPlace, error) {
	if len(comments) == 0 {
		return map[string]CommentPlace{}, nil
	}
	consultationIDs, clauseIDs := map[string]bool{}, map[string]bool{}
	for i := range comments {
		consultationIDs[comments[i].ConsultationID] = true
		if comments[i].ClauseID != nil {
			clauseIDs[*comments[i].ClauseID] = true
		}
	}
	var cons []Consultation
	if err := db.WithContext(ctx).Select("id, title").Where("id IN ?", keys(consultationIDs)).Find(&cons).Error; err != nil {
		return nil, err
	}
	var clauses []Clause
	if len(clauseIDs) > 0 {
		if err := db.WithContext(ctx).Select("id, number, heading").Where("id IN ?", keys(clauseIDs)).Find(&clauses).Error; err != nil {
			return nil, err
		}
	}
	titles := make(map[string]string, len(cons))
	for _, c := range cons {
		titles[c.ID] = c.Title
	}
	byID := make(map[string]*Clause, len(clauses))
	for i := range clauses {
		byID[clauses[i].ID] = &clauses[i]
	}
	out := make(map[string]CommentPlace, len(comments))
	for i := range comments {
		p := CommentPlace{ConsultationTitle: titles[comments[i].ConsultationID]}
		if comments[i].ClauseID != nil {
			if cl, ok := byID[*comments[i].ClauseID]; ok {
				p.ClauseNumber, p.ClauseHeading = &cl.Number, &cl.Heading
			}
		}
		out[comments[i].ID] = p
	}
	return out, nil
}

// CommentAuthors loads the authors of the listed comments in one query, keyed by user id. Erased
// accounts are absent.
func CommentAuthors(ctx context.Context, db *gorm.DB, comments []Comment) (map[string]*User, error) {
	ids := map[string]bool{}
	for i := range comments {
		if comments[i].AuthorID != nil {
			ids[*comments[i].AuthorID] = true
		}
	}
	out := make(map[string]*User, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var users []User
	if err := db.WithContext(ctx).Where("id IN ?", keys(ids)).Find(&users).Error; err != nil {
		return nil, err
	}
	for i := range users {
		out[users[i].ID] = &users[i]
	}
	return out, nil
}

func keys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	return out
}
