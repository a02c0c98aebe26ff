package models

import (
	"context"
	"errors"
	"net/mail"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Role is what an account may do. Admin can do everything a moderator can.
type Role string

// The roles.
const (
	RoleStakeholder Role = "stakeholder"
	RoleModerator   Role = "moderator"
	RoleAdmin       Role = "admin"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	return r == RoleStakeholder || r == RoleModerator || r == RoleAdmin
}

// AtLeast reports whether r grants everything that min grants.
func (r Role) AtLeast(min Role) bool {
	rank := map[Role]int{RoleStakeholder: 1, RoleModerator: 2, RoleAdmin: 3}
	return rank[r] >= rank[min] && rank[r] > 0
}

// User is an account: a stakeholder with a profile, or a member of staff.
type User struct {
	ID                     string `gorm:"primaryKey"`
	Email                  string `gorm:"not null;uniqueIndex:users_email_key"`
	EmailVerified          bool   `gorm:"not null"`
	PasswordHash           string `gorm:"not null"`
	DisplayName            string `gorm:"not null"`
	Organisation           string `gorm:"not null"`
	StakeholderType        string `gorm:"not null"`
	Country                string `gorm:"not null"`
	TransparencyRegisterID string `gorm:"not null"`
	Language               string `gorm:"not null"`
	Role                   Role   `gorm:"not null"`
	Disabled               bool   `gorm:"not null"`
	CreatedAt              time.Time
	UpdatedAt              time.Time
}

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

// StakeholderTypes are the kinds of stakeholder a profile may name (API.md, Accounts).
var StakeholderTypes = []string{
	"eu_citizen", "non_eu_citizen", "company", "business_association", "ngo", "academic_research",
	"public_authority", "national_cybersecurity_certification_authority", "conformity_assessment_body",
	"standardisation_body", "trade_union", "consumer_organisation", "other",
}

// ValidStakeholderType reports whether s is one of StakeholderTypes.
func ValidStakeholderType(s string) bool { return slices.Contains(StakeholderTypes, s) }

// countryCodes holds every officially assigned ISO 3166-1 alpha-2 code.
var countryCodes = map[string]bool{}

func init() {
	const codes = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ " +
		"BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ " +
		"EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY " +
		"HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA " +
		"LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY " +
		"MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS " +
		"RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM " +
		"TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
	for _, c := range strings.Fields(codes) {
		countryCodes[c] = true
	}
}

// ValidCountry reports whether s is an ISO 3166-1 alpha-2 code (upper case).
func ValidCountry(s string) bool { return countryCodes[s] }

// NormalizeEmail trims and lower-cases an address and checks its shape; it returns "" when the
// address is not usable.
func NormalizeEmail(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) > MaxEmail || strings.ContainsAny(s, " <>\"") {
		return ""
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndexByte(s, '@'):], ".") {
		return ""
	}
	return s
}
