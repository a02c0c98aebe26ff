package models

// All lists every model with a table, in dependency order. The schema test checks each against
// the migrated database.
func All() []any {
	return []any{
		&User{},
		&Scheme{},
		&Document{},
		&Clause{},
		&Consultation{},
		&Session{},
		&RefreshToken{},
		&OneTimeToken{},
		&MailMessage{},
		&RateCounter{},
		&AuditEvent{},
		&Attachment{},
		&Comment{},
		&CommentCluster{},
		&CommentRevision{},
		&IdempotencyKey{},
		&Disposition{},
		&Report{},
	}
}
