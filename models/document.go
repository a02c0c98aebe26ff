package models

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"consult/internal/clauses"
)

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
	// PublishedCommentCount counts the clause's published, non-confidential comments, kept by
	// the moderation that publishes or rejects them (countPublished).
	PublishedCommentCount int `gorm:"not null;default:0"`
}

// MaxDraftBytes bounds an imported Markdown draft.
const MaxDraftBytes = 5 << 20

// NewDocument is a draft version to import.
type NewDocument struct {
	Title        string
	VersionLabel string
	Markdown     []byte
}

// ImportDocument is the command that imports a Markdown draft as a new version of a scheme: it
// parses the draft into clauses and, in one transaction, stores the document with its clause tree
// and records the audit event. Parse problems come back as a validation error naming lines; a
// version label in use is a conflict. actor is nil for the command line.
func ImportDocument(ctx context.Context, db *gorm.DB, actor *User, scheme *Scheme, in NewDocument, now time.Time) (*Document, error) {
	doc, err := draftDocument(actor, scheme, in, now)
	if err != nil {
		return nil, err
	}
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		err := tx.Omit("Clauses").Create(doc).Error
		if err == nil {
			err = tx.CreateInBatches(doc.Clauses, 500).Error
		}
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return versionLabelInUse(doc.VersionLabel)
		} else if err != nil {
			return err
		}
		return RecordAudit(ctx, tx, AuditEntry{ActorID: actorID(actor), Action: "document.imported", SubjectType: "document", SubjectID: doc.ID,
			After: map[string]any{"scheme_id": scheme.ID, "title": doc.Title, "version_label": doc.VersionLabel, "clauses": len(doc.Clauses)}}, now)
	})
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// PreviewDocument is ImportDocument's dry run: the same checks, the same errors (a version label
// in use included), and the document it would store, but nothing is stored or audited. The ids
// of the returned document and its clauses exist only in memory; they only link the clause tree.
func PreviewDocument(ctx context.Context, db *gorm.DB, actor *User, scheme *Scheme, in NewDocument, now time.Time) (*Document, error) {
	doc, err := draftDocument(actor, scheme, in, now)
	if err != nil {
		return nil, err
	}
	var n int64
	err = db.WithContext(ctx).Model(&Document{}).Where("scheme_id = ? AND version_label = ?", scheme.ID, doc.VersionLabel).Count(&n).Error
	if err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, versionLabelInUse(doc.VersionLabel)
	}
	return doc, nil
}

func versionLabelInUse(label string) *Error {
	return Conflict("this scheme already has a document with version label " + label)
}

// draftDocument checks a draft upload and parses it into the document, with its clause rows, that
// importing it would store.
func draftDocument(actor *User, scheme *Scheme, in NewDocument, now time.Time) (*Document, error) {
	if len(in.Markdown) > MaxDraftBytes {
		return nil, &Error{Code: CodePayloadTooLarge, Message: "the draft is larger than " + strconv.Itoa(MaxDraftBytes>>20) + " MB"}
	}
	if i := bytes.IndexByte(in.Markdown, 0); i >= 0 {
		line := bytes.Count(in.Markdown[:i], []byte("\n")) + 1
		return nil, Invalid("the draft cannot be turned into clauses", FieldError{Field: "markdown:line " + strconv.Itoa(line), Message: "holds a NUL byte; a draft is plain text"})
	}
	// The fields are checked beside the draft, so that every fault is named at once.
	errs := appendIf(nil, checkText("version_label", in.VersionLabel, true, 40))
	title := strings.TrimSpace(in.Title)
	if title != "" {
		errs = appendIf(errs, checkText("title", title, true, 300))
	}
	parsed, err := clauses.Parse(in.Markdown)
	if err != nil {
		var pe *clauses.ParseError
		if errors.As(err, &pe) {
			return nil, Invalid("the draft cannot be turned into clauses", append(errs, parseProblems(pe)...)...)
		}
		return nil, err
	}
	if title == "" {
		title = parsed.Title
		errs = appendIf(errs, checkText("title", title, true, 300))
	}
	if len(errs) > 0 {
		return nil, Invalid("the document has invalid fields", errs...)
	}
	doc := &Document{
		ID:             NewID(),
		SchemeID:       scheme.ID,
		Title:          title,
		VersionLabel:   strings.TrimSpace(in.VersionLabel),
		SourceMarkdown: string(in.Markdown),
		CreatedBy:      actorID(actor),
		CreatedAt:      now,
	}
	doc.Clauses = clauseRows(doc.ID, parsed.Clauses)
	return doc, nil
}

// documentExists says whether a document has the id.
func documentExists(tx *gorm.DB, id string) (bool, error) {
	var n int64
	err := tx.Model(&Document{}).Where("id = ?", id).Count(&n).Error
	return n > 0, err
}

func parseProblems(pe *clauses.ParseError) []FieldError {
	fields := make([]FieldError, 0, len(pe.Problems))
	for _, p := range pe.Problems {
		field := "markdown"
		if p.Line > 0 {
			field = "markdown:line " + strconv.Itoa(p.Line)
		}
		fields = append(fields, FieldError{Field: field, Message: p.Message})
	}
	return fields
}

// clauseRows flattens the parsed tree into rows with parent ids and reading-order positions.
func clauseRows(documentID string, roots []*clauses.Clause) []Clause {
	var rows []Clause
	var add func(parentID *string, siblings []*clauses.Clause)
	add = func(parentID *string, siblings []*clauses.Clause) {
		for _, c := range siblings {
			id := NewID()
			rows = append(rows, Clause{
				ID:         id,
				DocumentID: documentID,
				ParentID:   parentID,
				Number:     c.Number,
				Heading:    c.Heading,
				Body:       c.Body,
				Level:      c.Level,
				Position:   len(rows) + 1,
				Key:        c.Key,
			})
			add(&id, c.Children)
		}
	}
	add(nil, roots)
	return rows
}

// visibleDocuments limits a query on documents to those the caller may read: staff see all, the
// public those on which a consultation has opened.
func visibleDocuments(tx *gorm.DB, staff bool, now time.Time) *gorm.DB {
	if staff {
		return tx
	}
	return tx.Where("EXISTS (SELECT 1 FROM consultations c WHERE c.document_id = documents.id AND c.opens_at <= ?)", now)
}

// SchemeDocuments lists the documents of a scheme that the caller may read, oldest first.
func SchemeDocuments(ctx context.Context, db *gorm.DB, schemeID string, staff bool, now time.Time) ([]Document, error) {
	var docs []Document
	err := visibleDocuments(db.WithContext(ctx).Model(&Document{}), staff, now).
		Where("scheme_id = ?", schemeID).Order("created_at, id").Omit("source_markdown").Find(&docs).Error
	return docs, err
}

// FindDocument returns a document the caller may read, with its clauses in reading order. A
// document the caller may not read is not found, so its existence does not leak.
func FindDocument(ctx context.Context, db *gorm.DB, id string, staff bool, now time.Time) (*Document, error) {
	d, err := findByID[Document](visibleDocuments(db.WithContext(ctx).Model(&Document{}), staff, now), id, "document")
	if err != nil {
		return nil, err
	}
	if err := db.WithContext(ctx).Where("document_id = ?", id).Order("position").Find(&d.Clauses).Error; err != nil {
		return nil, err
	}
	return d, nil
}
