package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// PersonalDataExport is everything consult holds about one person (GDPR articles 15 and 20).
type PersonalDataExport struct {
	ExportedAt time.Time         `json:"exported_at"`
	Account    map[string]any    `json:"account"`
	Sessions   []map[string]any  `json:"sessions"`
	Mails      []map[string]any  `json:"mails"`
	Comments   []Comment         `json:"comments"`
	Revisions  []CommentRevision `json:"comment_revisions"`
	Files      []Attachment      `json:"attachments"`
}

// PersonalData gathers the account, its sessions and the mails sent to it. Later features add
// their own records here (comments, attachments, reports).
func PersonalData(ctx context.Context, db *gorm.DB, u *User) (*PersonalDataExport, error) {
	out := &PersonalDataExport{
		ExportedAt: time.Now().UTC(),
		Account: map[string]any{
			"id": u.ID, "email": u.Email, "email_verified": u.EmailVerified, "display_name": u.DisplayName,
			"organisation": u.Organisation, "stakeholder_type": u.StakeholderType, "country": u.Country,
			"transparency_register_id": u.TransparencyRegisterID, "language": u.Language, "role": u.Role,
			"disabled": u.Disabled, "created_at": u.CreatedAt.UTC(), "updated_at": u.UpdatedAt.UTC(),
		},
		Sessions: []map[string]any{},
		Mails:    []map[string]any{},
	}
	var sessions []Session
	if err := db.WithContext(ctx).Where("user_id = ?", u.ID).Order("created_at").Find(&sessions).Error; err != nil {
		return nil, err
	}
	for _, s := range sessions {
		out.Sessions = append(out.Sessions, map[string]any{
			"created_at": s.CreatedAt.UTC(), "last_seen_at": s.LastSeenAt.UTC(), "expires_at": s.ExpiresAt.UTC(),
			"revoked_at": s.RevokedAt, "user_agent": s.UserAgent,
		})
	}
	var mails []MailMessage
	if err := db.WithContext(ctx).Where("to_address = ?", u.Email).Order("created_at").Find(&mails).Error; err != nil {
		return nil, err
	}
	for _, m := range mails {
		out.Mails = append(out.Mails, map[string]any{"subject": m.Subject, "status": m.Status, "created_at": m.CreatedAt.UTC(), "sent_at": m.SentAt})
	}
	out.Comments = []Comment{}
	if err := db.WithContext(ctx).Where("author_id = ?", u.ID).Order("created_at").Find(&out.Comments).Error; err != nil {
		return nil, err
	}
	out.Revisions, out.Files = []CommentRevision{}, []Attachment{}
	if err := db.WithContext(ctx).Where("comment_id IN (SELECT id FROM comments WHERE author_id = ?)", u.ID).Order("created_at").Find(&out.Revisions).Error; err != nil {
		return nil, err
	}
	if err := db.WithContext(ctx).Where("uploaded_by = ?", u.ID).Order("created_at").Find(&out.Files).Error; err != nil {
		return nil, err
	}
	return out, nil
}

// EraseUser is the command that deletes the account and the personal data tied to it, in one
// transaction: sessions and tokens go with the account (foreign keys cascade), and mails to the
// address leave the outbox. The audit trail
// keeps the account's id, which no longer leads to a person.
func EraseUser(ctx context.Context, db *gorm.DB, u *User) error {
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("to_address = ?", u.Email).Delete(&MailMessage{}).Error; err != nil {
			return err
		}
		return tx.Delete(&User{}, "id = ?", u.ID).Error
	})
}
