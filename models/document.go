package models

import "time"

// Document is one draft version of a scheme, imported from Markdown.
type Document struct {
	ID             string `gorm:"primaryKey"`
	SchemeID       string `gorm:"not null;uniqueIndex:documents_scheme_version_key,priority:1"`
	Title          string `gorm:"not null"`
	VersionLabel   string `gorm:"not null;uniqueIndex:documents_scheme_version_key,priority:2"`
	SourceMarkdown string `gorm:"not null"`
	CreatedBy      *string
	CreatedAt      time.Time
	Clauses        []Clause `gorm:"foreignKey:DocumentID"`
}

// Clause is one numbered section of a document. Position orders all clauses of a document in
// reading order; ParentID builds the tree; Key matches a clause to its successor in the next version.
type Clause struct {
	ID         string  `gorm:"primaryKey"`
	DocumentID string  `gorm:"not null;uniqueIndex:clauses_document_number_key,priority:1"`
	ParentID   *string `gorm:"index:clauses_parent_idx"`
	Number     string  `gorm:"not null;uniqueIndex:clauses_document_number_key,priority:2"`
	Heading    string  `gorm:"not null"`
	Body       string  `gorm:"not null"`
	Level      int     `gorm:"not null"`
	Position   int     `gorm:"not null"`
	Key        string  `gorm:"not null"`
}
