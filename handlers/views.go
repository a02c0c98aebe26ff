package handlers

import (
	"time"

	"consult/models"
)

// ProfileBody is a stakeholder's profile: sent at registration and shown in UserView.
type ProfileBody struct {
	DisplayName            string `json:"display_name"`
	Organisation           string `json:"organisation"`
	StakeholderType        string `json:"stakeholder_type"`
	Country                string `json:"country"`
	TransparencyRegisterID string `json:"transparency_register_id"`
	Language               string `json:"language"`
}

func (p ProfileBody) profile() models.Profile {
	return models.Profile{DisplayName: p.DisplayName, Organisation: p.Organisation, StakeholderType: p.StakeholderType,
		Country: p.Country, TransparencyRegisterID: p.TransparencyRegisterID, Language: p.Language}
}

// UserView is an account as the API shows it to its owner and to admins.
type UserView struct {
	ID            string `json:"id"`
	Email         string `json:"email"`
	EmailVerified bool   `json:"email_verified"`
	ProfileBody
	Role      models.Role `json:"role"`
	Disabled  bool        `json:"disabled"`
	CreatedAt time.Time   `json:"created_at"`
}

func userView(u *models.User) UserView {
	return UserView{
		ID: u.ID, Email: u.Email, EmailVerified: u.EmailVerified,
		ProfileBody: ProfileBody{DisplayName: u.DisplayName, Organisation: u.Organisation, StakeholderType: u.StakeholderType,
			Country: u.Country, TransparencyRegisterID: u.TransparencyRegisterID, Language: u.Language},
		Role: u.Role, Disabled: u.Disabled, CreatedAt: u.CreatedAt.UTC(),
	}
}

// List is the envelope of every list answer.
type List[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

// listOf is the List answer for one page of items, each shown by view.
func listOf[M, V any](items []M, next *string, view func(*M) V) List[V] {
	out := List[V]{Items: make([]V, 0, len(items)), NextCursor: next}
	for i := range items {
		out.Items = append(out.Items, view(&items[i]))
	}
	return out
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
