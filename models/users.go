package models

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Profile is the part of an account its owner describes.
type Profile struct {
	DisplayName            string
	Organisation           string
	StakeholderType        string
	Country                string
	TransparencyRegisterID string
	Language               string
}

// Validate checks every profile field and lists all problems at once.
func (p *Profile) Validate() []FieldError {
	var errs []FieldError
	add := func(fe *FieldError) {
		if fe != nil {
			errs = append(errs, *fe)
		}
	}
	add(checkText("display_name", p.DisplayName, true, 100))
	add(checkText("organisation", p.Organisation, false, 200))
	add(checkText("transparency_register_id", p.TransparencyRegisterID, false, 40))
	if !ValidStakeholderType(p.StakeholderType) {
		errs = append(errs, FieldError{Field: "stakeholder_type", Message: "must be one of " + strings.Join(StakeholderTypes, ", ")})
	}
	if !ValidCountry(p.Country) {
		errs = append(errs, FieldError{Field: "country", Message: "must be an ISO 3166-1 alpha-2 code in capitals, such as BE or DE"})
	}
	if p.Language != "" && !validLanguageTag(p.Language) {
		errs = append(errs, FieldError{Field: "language", Message: "must be a language code such as en, fr or pt-BR"})
	}
	return errs
}

// ProfileChange names the profile fields to change; a nil field stays as it is.
type ProfileChange struct {
	DisplayName            *string
	Organisation           *string
	StakeholderType        *string
	Country                *string
	TransparencyRegisterID *string
	Language               *string
}

// UpdateProfile is the command that changes profile fields of u's own account: it trims the given
// fields, checks the whole resulting profile and stores it. u holds the new profile afterwards.
func UpdateProfile(ctx context.Context, db *gorm.DB, u *User, ch ProfileChange, now time.Time) error {
	p := Profile{DisplayName: u.DisplayName, Organisation: u.Organisation, StakeholderType: u.StakeholderType,
		Country: u.Country, TransparencyRegisterID: u.TransparencyRegisterID, Language: u.Language}
	for dst, src := range map[*string]*string{
		&p.DisplayName: ch.DisplayName, &p.Organisation: ch.Organisation, &p.StakeholderType: ch.StakeholderType,
		&p.Country: ch.Country, &p.TransparencyRegisterID: ch.TransparencyRegisterID, &p.Language: ch.Language,
	} {
		if src != nil {
			*dst = strings.TrimSpace(*src)
		}
	}
	if errs := p.Validate(); len(errs) > 0 {
		return Invalid("the profile has invalid fields", errs...)
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return tx.Model(u).Updates(map[string]any{
			"display_name": p.DisplayName, "organisation": p.Organisation, "stakeholder_type": p.StakeholderType,
			"country": p.Country, "transparency_register_id": p.TransparencyRegisterID, "language": p.Language, "updated_at": now,
		}).Error
	})
}

func validLanguageTag(s string) bool {
	if len(s) < 2 || len(s) > 12 {
		return false
	}
	for _, r := range s {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && r != '-' {
			return false
		}
	}
	return true
}

// NewAccount is what creating an account needs; PasswordHash is already hashed.
type NewAccount struct {
	Email        string
	PasswordHash string
	Role         Role
	Verified     bool
	Profile      Profile
}

// CreateUser validates and stores a new account. An email that exists is a conflict.
func CreateUser(ctx context.Context, db *gorm.DB, in NewAccount, now time.Time) (*User, error) {
	email := NormalizeEmail(in.Email)
	var errs []FieldError
	if email == "" {
		errs = append(errs, FieldError{Field: "email", Message: "is not a valid email address"})
	}
	if !in.Role.Valid() {
		errs = append(errs, FieldError{Field: "role", Message: "must be stakeholder, moderator or admin"})
	}
	errs = append(errs, in.Profile.Validate()...)
	if len(errs) > 0 {
		return nil, Invalid("the account has invalid fields", errs...)
	}
	u := &User{
		ID:                     NewID(),
		Email:                  email,
		EmailVerified:          in.Verified,
		PasswordHash:           in.PasswordHash,
		DisplayName:            strings.TrimSpace(in.Profile.DisplayName),
		Organisation:           strings.TrimSpace(in.Profile.Organisation),
		StakeholderType:        in.Profile.StakeholderType,
		Country:                in.Profile.Country,
		TransparencyRegisterID: strings.TrimSpace(in.Profile.TransparencyRegisterID),
		Language:               in.Profile.Language,
		Role:                   in.Role,
		CreatedAt:              now,
		UpdatedAt:              now,
	}
	if err := db.WithContext(ctx).Create(u).Error; err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return nil, Conflict("an account with this email exists")
		}
		return nil, err
	}
	return u, nil
}

// FindUserByEmail returns the account with that address, or ErrNotFound.
func FindUserByEmail(ctx context.Context, db *gorm.DB, email string) (*User, error) {
	var u User
	err := db.WithContext(ctx).Where("email = ?", NormalizeEmail(email)).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("user")
	}
	return &u, err
}
