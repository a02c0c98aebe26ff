// Package demo loads consult's own demonstration data: a scheme with two draft versions, a closed
// consultation with its comments, decisions and published disposition-of-comments report, an open
// one with its first comments, and one account per role, so that a newcomer sees the platform at
// work on every screen.
package demo

import (
	"context"
	"crypto/rand"
	"embed"
	"errors"
	"time"

	"gorm.io/gorm"

	"consult/internal/auth/password"
	"consult/models"
)

//go:embed drafts/*.md
var drafts embed.FS

// SchemeSlug is the demo scheme's slug; its presence means the demo is loaded.
const SchemeSlug = "consumer-iot"

// Account is a demo account and its password, printed for the newcomer.
type Account struct {
	Role     models.Role
	Email    string
	Password string
}

// Accounts are the demo accounts. Their passwords are public: never load the demo in production.
var Accounts = []Account{
	{models.RoleAdmin, "admin@example.org", "demo-admin-passphrase"},
	{models.RoleModerator, "moderator@example.org", "demo-moderator-passphrase"},
	{models.RoleStakeholder, "stakeholder@example.org", "demo-stakeholder-passphrase"},
}

// ErrAlreadyLoaded says the demo data is there already; nothing was changed.
var ErrAlreadyLoaded = errors.New("the demo data is already loaded")

// Load stores the demo data in one transaction, dated relative to now so that the audit trail
// runs in order: the scheme and draft 0.9 were set up 130 days ago, its consultation ran from 120
// to 60 days ago, drew 25 comments that were moderated as they came in and decided after the
// close, and its disposition-of-comments report was published; draft 1.0 followed, and its
// consultation opened 7 days ago with 8 comments so far. Every write goes through the models
// commands; the mails they queue link to baseURL. The commenters of the demo have a random
// password nobody knows.
func Load(ctx context.Context, db *gorm.DB, hasher *password.Hasher, baseURL string, now time.Time) error {
	if _, err := models.FindSchemeBySlug(ctx, db, SchemeSlug); err == nil {
		return ErrAlreadyLoaded
	} else if !errors.Is(err, models.ErrNotFound) {
		return err
	}
	hashes := make([]string, len(Accounts))
	for i, a := range Accounts {
		h, err := hasher.Hash(ctx, a.Password)
		if err != nil {
			return err
		}
		hashes[i] = h
	}
	hidden, err := hasher.Hash(ctx, rand.Text())
	if err != nil {
		return err
	}
	return db.Transaction(func(tx *gorm.DB) error {
		l := &loader{ctx: ctx, tx: tx, baseURL: baseURL, users: map[string]*models.User{}}
		setup := now.AddDate(0, 0, -130)
		if err := l.accounts(hashes, hidden, setup); err != nil {
			return err
		}
		scheme, err := models.CreateScheme(ctx, tx, l.staff, models.NewScheme{
			Slug:  SchemeSlug,
			Title: "Consumer IoT devices",
			Summary: "A candidate European cybersecurity certification scheme for consumer devices that connect " +
				"to the internet: smart speakers, cameras, thermostats, door locks and toys.",
		}, setup)
		if err != nil {
			return err
		}
		first, err := l.window(scheme, "drafts/iot-v0.9.md", "0.9", "First public consultation on the consumer IoT scheme (draft 0.9)",
			now.AddDate(0, 0, -120), now.AddDate(0, 0, -60), setup)
		if err != nil {
			return err
		}
		if err := l.comments(first, closedComments, 2*24*time.Hour, 20*time.Hour); err != nil {
			return err
		}
		if err := l.decisions(first, first.con.ClosesAt.AddDate(0, 0, 2)); err != nil {
			return err
		}
		if _, err := models.PublishReport(ctx, tx, l.staff, first.con.ID, first.con.ClosesAt.AddDate(0, 0, 14)); err != nil {
			return err
		}
		second, err := l.window(scheme, "drafts/iot-v1.0.md", "1.0", "Second public consultation on the consumer IoT scheme (draft 1.0)",
			now.AddDate(0, 0, -7), now.AddDate(0, 0, 53), now.AddDate(0, 0, -14))
		if err != nil {
			return err
		}
		return l.comments(second, openComments, 18*time.Hour, 6*time.Hour)
	})
}

var profiles = []models.Profile{
	{DisplayName: "Demo Administrator", Organisation: "Demo Certification Agency", StakeholderType: "public_authority", Country: "GR", Language: "en"},
	{DisplayName: "Demo Moderator", Organisation: "Demo Certification Agency", StakeholderType: "public_authority", Country: "GR", Language: "en"},
	{DisplayName: "Dana Stakeholder", Organisation: "Example Devices SA", StakeholderType: "company", Country: "BE", Language: "fr"},
}
