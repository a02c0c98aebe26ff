package models

import (
	lru "github.com/hashicorp/golang-lru/v2"
	"gorm.io/gorm"
)

// Rows that never change once stored are looked up once per process: a clause's text and
// document (a new version of a draft is a new document with new clauses; the only column of a
// clause that changes is its comment count, which these lookups leave out) and the scheme slug
// of a document (schemes are never renamed and documents never move). Every submission needs
// both, so the cache saves two queries per comment.
var (
	clauseAnchors = mustLRU[string, clauseAnchor](4096)
	documentSlugs = mustLRU[string, string](1024)
)

// clauseAnchor is what a comment's anchor is checked against.
type clauseAnchor struct {
	DocumentID string
	Number     string
	Text       string // heading and body, where a quote must occur
}

func mustLRU[K comparable, V any](size int) *lru.Cache[K, V] {
	c, err := lru.New[K, V](size)
	if err != nil {
		panic(err) // only for a size < 1
	}
	return c
}

// findClauseAnchor returns the anchor of clause id, and false when there is no such clause.
func findClauseAnchor(tx *gorm.DB, id string) (clauseAnchor, bool, error) {
	if a, ok := clauseAnchors.Get(id); ok {
		return a, true, nil
	}
	var cl Clause
	if err := tx.Select("id", "document_id", "number", "heading", "body").Where("id = ?", id).Limit(1).Find(&cl).Error; err != nil || cl.ID == "" {
		return clauseAnchor{}, false, err
	}
	a := clauseAnchor{DocumentID: cl.DocumentID, Number: cl.Number, Text: cl.Heading + "\n" + cl.Body}
	clauseAnchors.Add(id, a)
	return a, true, nil
}

// documentSlug returns the slug of the scheme of document id.
func documentSlug(tx *gorm.DB, id string) (string, error) {
	if slug, ok := documentSlugs.Get(id); ok {
		return slug, nil
	}
	var slug string
	err := tx.Raw(`SELECT s.slug FROM documents d JOIN schemes s ON s.id = d.scheme_id WHERE d.id = ?`, id).Scan(&slug).Error
	if err != nil || slug == "" {
		return slug, err
	}
	documentSlugs.Add(id, slug)
	return slug, nil
}
