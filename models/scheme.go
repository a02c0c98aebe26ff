package models

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Scheme is a certification scheme under consultation, e.g. managed security services.
type Scheme struct {
	ID        string `gorm:"primaryKey"`
	Slug      string `gorm:"not null;uniqueIndex:schemes_slug_key"`
	Title     string `gorm:"not null"`
	Summary   string `gorm:"not null"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// NewScheme is a scheme to create.
type NewScheme struct {
	Slug    string
	Title   string
	Summary string
}

// CreateScheme is the command that creates a scheme: in one transaction it checks the fields,
// stores the scheme and records the audit event. A slug in use is a conflict. actor is nil for the
// command line.
func CreateScheme(ctx context.Context, db *gorm.DB, actor *User, in NewScheme, now time.Time) (*Scheme, error) {
	var errs []FieldError
	if len(in.Slug) < 2 || len(in.Slug) > 60 || !slugPattern.MatchString(in.Slug) {
		errs = append(errs, FieldError{Field: "slug", Message: "must be 2 to 60 lower-case letters, digits and single hyphens, such as consumer-iot"})
	}
	if fe := checkText("title", in.Title, true, 300); fe != nil {
		errs = append(errs, *fe)
	}
	if fe := checkText("summary", strings.ReplaceAll(in.Summary, "\n", " "), false, 5000); fe != nil {
		errs = append(errs, *fe)
	}
	if len(errs) > 0 {
		return nil, Invalid("the scheme has invalid fields", errs...)
	}
	s := &Scheme{ID: NewID(), Slug: in.Slug, Title: strings.TrimSpace(in.Title), Summary: strings.TrimSpace(in.Summary), CreatedAt: now, UpdatedAt: now}
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(s).Error; err != nil {
			if errors.Is(err, gorm.ErrDuplicatedKey) {
				return Conflict("a scheme with slug " + in.Slug + " exists")
			}
			return err
		}
		return RecordAudit(ctx, tx, AuditEntry{ActorID: actorID(actor), Action: "scheme.created", SubjectType: "scheme", SubjectID: s.ID,
			After: map[string]any{"id": s.ID, "slug": s.Slug, "title": s.Title, "summary": s.Summary, "created_at": s.CreatedAt.UTC()}}, now)
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// FindSchemeBySlug returns the scheme or ErrNotFound.
func FindSchemeBySlug(ctx context.Context, db *gorm.DB, slug string) (*Scheme, error) {
	var s Scheme
	err := db.WithContext(ctx).Where("slug = ?", slug).Take(&s).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("scheme")
	}
	return &s, err
}

// ListSchemes returns one page of schemes, oldest first.
func ListSchemes(ctx context.Context, db *gorm.DB, p Page) ([]Scheme, *string, error) {
	tx, err := p.apply(db.WithContext(ctx), "id", false)
	if err != nil {
		return nil, nil, err
	}
	var out []Scheme
	if err := tx.Find(&out).Error; err != nil {
		return nil, nil, err
	}
	items, next := nextCursor(out, p.Limit, func(s Scheme) string { return s.ID })
	return items, next, nil
}
