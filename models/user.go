package models

import "time"

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
