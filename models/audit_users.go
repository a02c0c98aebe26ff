package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

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
