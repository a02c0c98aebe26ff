// Package benchdata fills a database with one large consultation for the load benchmark (make
// bench, bench/load): a draft of many clauses, thousands of stakeholder accounts with profiles, and
// as many comments as asked, in the mix of a real consultation under a campaign: varied texts from
// templates, campaigns of near-duplicates, every publication choice, most comments published.
// Comments are stored in batches through models.LoadComments, not one request each.
package benchdata

import (
	"context"
	_ "embed"
	"errors"
	"log/slog"
	"math/rand/v2"
	"time"

	"gorm.io/gorm"

	"consult/internal/auth/password"
	"consult/internal/neardup"
	"consult/models"
)

//go:embed draft.md
var draft []byte

// SchemeSlug is the benchmark scheme's slug; its presence means the data is loaded.
const SchemeSlug = "bench"

// batchSize is how many comments go to the database in one transaction.
const batchSize = 2000

// Options says how much to generate.
type Options struct {
	Comments     int            // comments in the consultation
	Stakeholders int            // stakeholder accounts, who write the comments
	Password     string         // the password of every account the generator makes
	Seed         uint64         // the same seed gives the same texts and mix
	Grouping     neardup.Config // how campaign clusters are grouped (CONSULT_CLUSTER_SIMILARITY)
}

// Result names what was generated, for the load driver.
type Result struct {
	ConsultationID string   `json:"consultation_id"`
	DocumentID     string   `json:"document_id"`
	ClauseIDs      []string `json:"clause_ids"`
	Moderator      string   `json:"moderator"`
	Stakeholders   []string `json:"stakeholders"`
	Comments       int      `json:"comments"`
	Published      int      `json:"published"`
	Seconds        float64  `json:"seconds"`
	// ClusterSeconds is the part of Seconds spent assigning every comment to its campaign cluster
	// (models.Clusterer), as the server does for each comment right after it arrives.
	ClusterSeconds float64 `json:"cluster_seconds"`
}

// ErrAlreadyLoaded says the benchmark data is there already; nothing was changed.
var ErrAlreadyLoaded = errors.New("the benchmark data is already loaded")

// Generate stores the benchmark data: one password hash shared by every account, the accounts,
// the scheme and its draft, a consultation open from 30 days before now for 60 days more, and
// opts.Comments comments spread over the 30 days, in batches.
func Generate(ctx context.Context, db *gorm.DB, hasher *password.Hasher, opts Options, now time.Time) (*Result, error) {
	started := time.Now()
	if _, err := models.FindSchemeBySlug(ctx, db, SchemeSlug); err == nil {
		return nil, ErrAlreadyLoaded
	} else if !errors.Is(err, models.ErrNotFound) {
		return nil, err
	}
	hash, err := hasher.Hash(ctx, opts.Password)
	if err != nil {
		return nil, err
	}
	opens := now.AddDate(0, 0, -30)
	moderator, authors, err := createAccounts(ctx, db, hash, opts.Stakeholders, opens.AddDate(0, 0, -1))
	if err != nil {
		return nil, err
	}
	con, clauses, err := createConsultation(ctx, db, moderator, opens)
	if err != nil {
		return nil, err
	}
	// Seeded on purpose: the same seed gives the same data.
	w := newWriter(rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15)), clauses) //nolint:gosec // not for secrets
	res := &Result{ConsultationID: con.ID, DocumentID: con.DocumentID, Moderator: moderator.Email, Comments: opts.Comments}
	for _, cl := range clauses {
		res.ClauseIDs = append(res.ClauseIDs, cl.ID)
	}
	for _, a := range authors {
		res.Stakeholders = append(res.Stakeholders, a.Email)
	}
	span := now.Sub(opens)
	for start := 0; start < opts.Comments; start += batchSize {
		rows := make([]models.LoadedComment, 0, batchSize)
		for i := start; i < min(start+batchSize, opts.Comments); i++ {
			at := opens.Add(span * time.Duration(i) / time.Duration(opts.Comments))
			r := w.comment(authors[w.rng.IntN(len(authors))], at)
			if r.Status == models.CommentPublished {
				res.Published++
			}
			rows = append(rows, r)
		}
		if err := models.LoadComments(ctx, db, moderator, con, rows); err != nil {
			return nil, err
		}
	}
	clustering := time.Now()
	if err := models.NewClusterer(db, opts.Grouping, slog.Default()).CatchUp(ctx, con.ID); err != nil {
		return nil, err
	}
	res.ClusterSeconds = time.Since(clustering).Seconds()
	if db.Name() == "postgres" {
		// Fresh statistics, as autovacuum would make after such an import.
		if err := db.WithContext(ctx).Exec("ANALYSE").Error; err != nil {
			return nil, err
		}
	}
	res.Seconds = time.Since(started).Seconds()
	return res, nil
}

// createConsultation stores the scheme, its draft and a consultation on it that opened at opens
// and stays open 90 days, and returns the draft's clauses.
func createConsultation(ctx context.Context, db *gorm.DB, moderator *models.User, opens time.Time) (*models.Consultation, []models.Clause, error) {
	setup := opens.AddDate(0, 0, -1)
	scheme, err := models.CreateScheme(ctx, db, moderator, models.NewScheme{Slug: SchemeSlug, Title: "Managed security services (benchmark)",
		Summary: "A large consultation generated for the load benchmark."}, setup)
	if err != nil {
		return nil, nil, err
	}
	doc, err := models.ImportDocument(ctx, db, moderator, scheme, models.NewDocument{VersionLabel: "0.4", Markdown: draft}, setup)
	if err != nil {
		return nil, nil, err
	}
	con, err := models.CreateConsultation(ctx, db, moderator, models.NewConsultation{DocumentID: doc.ID,
		Title: "Public consultation on the managed security services scheme (benchmark)", OpensAt: opens, ClosesAt: opens.AddDate(0, 0, 90)}, setup)
	if err != nil {
		return nil, nil, err
	}
	var clauses []models.Clause
	if err := db.WithContext(ctx).Where("document_id = ?", doc.ID).Order("position").Find(&clauses).Error; err != nil {
		return nil, nil, err
	}
	return con, clauses, nil
}
