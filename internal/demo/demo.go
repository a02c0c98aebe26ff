// Package demo loads consult's own demonstration data: a scheme with two draft versions, a closed
// and an open consultation, and one account per role, so that a newcomer sees the platform at work.
package demo

import (
	"context"
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

// Load stores the demo data in one transaction, relative to now.
func Load(ctx context.Context, db *gorm.DB, hasher *password.Hasher, now time.Time) error {
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
	return db.Transaction(func(tx *gorm.DB) error {
		var staff *models.User
		for i, a := range Accounts {
			u, err := models.CreateUser(ctx, tx, models.NewAccount{
				Email: a.Email, PasswordHash: hashes[i], Role: a.Role, Verified: true,
				Profile: profiles[i],
			}, now)
			if err != nil {
				return err
			}
			if a.Role == models.RoleModerator {
				staff = u
			}
		}
		scheme, err := models.CreateScheme(ctx, tx, staff, models.NewScheme{
			Slug:  SchemeSlug,
			Title: "Consumer IoT devices",
			Summary: "A candidate European cybersecurity certification scheme for consumer devices that connect " +
				"to the internet: smart speakers, cameras, thermostats, door locks and toys.",
		}, now)
		if err != nil {
			return err
		}
		windows := []struct {
			file, version, title string
			opens, closes        time.Time
		}{
			{"drafts/iot-v0.9.md", "0.9", "First public consultation on the consumer IoT scheme (draft 0.9)", now.AddDate(0, 0, -120), now.AddDate(0, 0, -60)},
			{"drafts/iot-v1.0.md", "1.0", "Second public consultation on the consumer IoT scheme (draft 1.0)", now.AddDate(0, 0, -7), now.AddDate(0, 0, 53)},
		}
		for _, w := range windows {
			src, err := drafts.ReadFile(w.file)
			if err != nil {
				return err
			}
			doc, err := models.ImportDocument(ctx, tx, staff, scheme, models.NewDocument{VersionLabel: w.version, Markdown: src}, now)
			if err != nil {
				return err
			}
			_, err = models.CreateConsultation(ctx, tx, staff, models.NewConsultation{
				DocumentID: doc.ID,
				Title:      w.title,
				Description: "Comment on any clause of the draft, or on the draft as a whole. Published comments " +
					"and the agency's response to each one are public once the consultation closes.",
				OpensAt:  w.opens,
				ClosesAt: w.closes,
			}, now)
			if err != nil {
				return err
			}
		}
		return nil
	})
}

var profiles = []models.Profile{
	{DisplayName: "Demo Administrator", Organisation: "Demo Certification Agency", StakeholderType: "public_authority", Country: "GR", Language: "en"},
	{DisplayName: "Demo Moderator", Organisation: "Demo Certification Agency", StakeholderType: "public_authority", Country: "GR", Language: "en"},
	{DisplayName: "Dana Stakeholder", Organisation: "Example Devices SA", StakeholderType: "company", Country: "BE", Language: "fr"},
}
