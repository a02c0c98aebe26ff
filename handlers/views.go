package handlers

import (
	"time"

	"consult/models"
)

// UserView is an account as the API shows it to its owner and to admins.
type UserView struct {
	ID                     string      `json:"id"`
	Email                  string      `json:"email"`
	EmailVerified          bool        `json:"email_verified"`
	DisplayName            string      `json:"display_name"`
	Organisation           string      `json:"organisation"`
	StakeholderType        string      `json:"stakeholder_type"`
	Country                string      `json:"country"`
	TransparencyRegisterID string      `json:"transparency_register_id"`
	Language               string      `json:"language"`
	Role                   models.Role `json:"role"`
	Disabled               bool        `json:"disabled"`
	CreatedAt              time.Time   `json:"created_at"`
}

func userView(u *models.User) UserView {
	return UserView{
		ID: u.ID, Email: u.Email, EmailVerified: u.EmailVerified, DisplayName: u.DisplayName, Organisation: u.Organisation,
		StakeholderType: u.StakeholderType, Country: u.Country, TransparencyRegisterID: u.TransparencyRegisterID,
		Language: u.Language, Role: u.Role, Disabled: u.Disabled, CreatedAt: u.CreatedAt.UTC(),
	}
}

// List is the envelope of every list answer.
type List[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

// AuthorProfileView is a comment's author as staff see it: the profile without the email address.
type AuthorProfileView struct {
	ID                     string `json:"id"`
	DisplayName            string `json:"display_name"`
	Organisation           string `json:"organisation"`
	StakeholderType        string `json:"stakeholder_type"`
	Country                string `json:"country"`
	TransparencyRegisterID string `json:"transparency_register_id"`
}

// authorProfileView is nil for a comment whose author's account was erased.
func authorProfileView(u *models.User) *AuthorProfileView {
	if u == nil {
		return nil
	}
	return &AuthorProfileView{ID: u.ID, DisplayName: u.DisplayName, Organisation: u.Organisation, StakeholderType: u.StakeholderType,
		Country: u.Country, TransparencyRegisterID: u.TransparencyRegisterID}
}

// CommentPlaceView names where a comment belongs: its consultation and, unless it is general,
// its clause.
type CommentPlaceView struct {
	ConsultationTitle string  `json:"consultation_title"`
	ClauseNumber      *string `json:"clause_number"`
	ClauseHeading     *string `json:"clause_heading"`
}

func commentPlaceView(p models.CommentPlace) CommentPlaceView {
	return CommentPlaceView{ConsultationTitle: p.ConsultationTitle, ClauseNumber: p.ClauseNumber, ClauseHeading: p.ClauseHeading}
}
