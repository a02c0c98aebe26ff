package models

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// UserQuery filters the admin's user list and asks for one page of it.
type UserQuery struct {
	Role  Role
	Email string
	Page
}

// ListUsers returns one page of accounts, newest first, and the cursor of the next page.
func ListUsers(ctx context.Context, db *gorm.DB, q UserQuery) ([]User, *string, error) {
	tx, err := q.apply(db.WithContext(ctx), "id", true)
	if err != nil {
		return nil, nil, err
	}
	if q.Role != "" {
		if !q.Role.Valid() {
			return nil, nil, Invalid("the query has invalid parameters", FieldError{Field: "role", Message: "must be stakeholder, moderator or admin"})
		}
		tx = tx.Where("role = ?", q.Role)
	}
	if tooLong(q.Email, MaxEmail) {
		return nil, nil, Invalid("the query has invalid parameters", FieldError{Field: "email", Message: "is longer than an email address can be (" + strconv.Itoa(MaxEmail) + " characters)"})
	}
	if q.Email != "" {
		tx = tx.Where("email LIKE ? ESCAPE '\\'", "%"+escapeLike(strings.ToLower(q.Email))+"%")
	}
	var users []User
	if err := tx.Find(&users).Error; err != nil {
		return nil, nil, err
	}
	users, next := nextCursor(users, q.Limit, func(u User) string { return u.ID })
	return users, next, nil
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// AccessChange is what an admin may change of an account.
type AccessChange struct {
	Role     *Role
	Disabled *bool
}

type accessState struct {
	Role     Role `json:"role"`
	Disabled bool `json:"disabled"`
}

// UpdateUserAccess applies an admin's change of role or disabled flag, records it in the audit
// trail, and ends every session of a disabled account, all in one transaction. Admins cannot
// change their own access, so that nobody locks the platform out by mistake.
func UpdateUserAccess(ctx context.Context, db *gorm.DB, admin *User, userID string, ch AccessChange, now time.Time) (*User, error) {
	if !ValidID(userID) {
		return nil, NotFound("user")
	}
	if ch.Role == nil && ch.Disabled == nil {
		return nil, Invalid("nothing to change", FieldError{Field: "role", Message: "give role or disabled"})
	}
	if ch.Role != nil && !ch.Role.Valid() {
		return nil, Invalid("the change has invalid fields", FieldError{Field: "role", Message: "must be stakeholder, moderator or admin"})
	}
	if userID == admin.ID {
		return nil, Conflict("admins cannot change their own role or disable themselves; ask another admin")
	}
	var u User
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("id = ?", userID).Take(&u).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return NotFound("user")
			}
			return err
		}
		before := accessState{Role: u.Role, Disabled: u.Disabled}
		if ch.Role != nil {
			u.Role = *ch.Role
		}
		if ch.Disabled != nil {
			u.Disabled = *ch.Disabled
		}
		after := accessState{Role: u.Role, Disabled: u.Disabled}
		if before == after {
			return nil
		}
		u.UpdatedAt = now
		if err := tx.Model(&u).Updates(map[string]any{"role": u.Role, "disabled": u.Disabled, "updated_at": now}).Error; err != nil {
			return err
		}
		if u.Disabled {
			if err := RevokeUserSessions(ctx, tx, u.ID, "", now); err != nil {
				return err
			}
		}
		return RecordAudit(ctx, tx, AuditEntry{ActorID: &admin.ID, Action: "user.access_changed", SubjectType: "user", SubjectID: u.ID, Before: before, After: after}, now)
	})
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// accountCreated is what the audit trail keeps of an account created by an operator: no address
// or name, so that erasing the account leaves only its random id in the trail.
type accountCreated struct {
	Role     Role `json:"role"`
	Verified bool `json:"verified"`
}

// CreateUserByOperator creates an account as `consult users create` does and records it in the
// audit trail as "user.created" with no actor (the command line), in one transaction.
func CreateUserByOperator(ctx context.Context, db *gorm.DB, in NewAccount, now time.Time) (*User, error) {
	var u *User
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if u, err = CreateUser(ctx, tx, in, now); err != nil {
			return err
		}
		return RecordAudit(ctx, tx, AuditEntry{Action: "user.created", SubjectType: "user", SubjectID: u.ID,
			After: accountCreated{Role: u.Role, Verified: u.EmailVerified}}, now)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}
