package models

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"consult/internal/mailtext"
)

// Moderation actions.
const (
	ActionPublish = "publish"
	ActionReject  = "reject"
	ActionRedact  = "redact"
)

// ReasonCodes are why a comment may be rejected.
var ReasonCodes = []string{"spam", "abusive", "off_topic", "personal_data", "duplicate"}

// Moderation is a moderator's decision on one comment; Version must be the comment's current one.
// A redaction names at least one of RedactedBody and RedactedProposedChange; a text it does not
// name keeps the redaction it had (none, or an earlier one), so a redaction never re-exposes text.
type Moderation struct {
	Action                 string
	ReasonCode             string
	Note                   string
	RedactedBody           *string
	RedactedProposedChange *string
	Version                int
}

// PublicBody is the body as the public reads it: the redacted text once a moderator redacted it.
// The original stays with staff and the author.
func (c *Comment) PublicBody() string {
	if c.RedactedBody != nil {
		return *c.RedactedBody
	}
	return c.Body
}

// PublicProposedChange is the proposed change as the public reads it, redacted like PublicBody.
func (c *Comment) PublicProposedChange() string {
	if c.RedactedProposedChange != nil {
		return *c.RedactedProposedChange
	}
	return c.ProposedChange
}

// Redacted says whether a moderator removed passages from any of the comment's texts.
func (c *Comment) Redacted() bool {
	return c.RedactedBody != nil || c.RedactedProposedChange != nil
}

// moderationAllowed is the state machine: submitted comments are published (as written or
// redacted) or rejected; a published comment can still be taken down (rejected) or redacted;
// withdrawn and rejected comments are final.
var moderationAllowed = map[string]map[string]bool{
	CommentSubmitted: {ActionPublish: true, ActionReject: true, ActionRedact: true},
	CommentPublished: {ActionReject: true, ActionRedact: true},
}

func (m *Moderation) validate() []FieldError {
	var errs []FieldError
	switch m.Action {
	case ActionPublish:
	case ActionReject:
		if !slices.Contains(ReasonCodes, m.ReasonCode) {
			errs = append(errs, FieldError{Field: "reason_code", Message: "a rejection needs one of " + strings.Join(ReasonCodes, ", ")})
		}
	case ActionRedact:
		if m.RedactedBody == nil && m.RedactedProposedChange == nil {
			errs = append(errs, FieldError{Field: "redacted_body", Message: "a redaction names redacted_body, redacted_proposed_change or both"})
		}
	default:
		errs = append(errs, FieldError{Field: "action", Message: "must be publish, reject or redact"})
	}
	// Bounded whatever the action, so that an over-long text is named even beside other faults; a
	// text that a redaction names must not be empty.
	for _, text := range []struct {
		field string
		value *string
	}{{"redacted_body", m.RedactedBody}, {"redacted_proposed_change", m.RedactedProposedChange}} {
		if text.value == nil {
			continue
		}
		if fe := checkLongText(text.field, *text.value, m.Action == ActionRedact, MaxCommentBody); fe != nil {
			errs = append(errs, *fe)
		}
	}
	if fe := checkLongText("note", m.Note, false, 2000); fe != nil {
		errs = append(errs, *fe)
	}
	return errs
}

// ModerateComment is the command that applies a moderator's decision to one comment, with
// optimistic locking: of two moderators acting on one comment, exactly one wins and the other gets
// a conflict. In one transaction it checks the version and the state machine, writes the decision,
// records the audit event and queues the mail to the author. Once the consultation's
// disposition-of-comments report is published, its comments are final: a conflict.
func ModerateComment(ctx context.Context, db *gorm.DB, moderator *User, id string, m Moderation, now time.Time, baseURL string) (*Comment, error) {
	if errs := appendIf(m.validate(), checkVersion("version", m.Version)); len(errs) > 0 {
		return nil, Invalid("the decision has invalid fields", errs...)
	}
	var c *Comment
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if c, err = FindComment(ctx, tx, id, moderator); err != nil {
			return err
		}
		if err := lockOpenRecord(ctx, tx, c.ConsultationID); err != nil {
			return err
		}
		if m.Version != c.Version {
			return Conflict("the comment has changed since version " + itoa(m.Version) + "; reload it (current version " + itoa(c.Version) + ")")
		}
		if !moderationAllowed[c.Status][m.Action] {
			return Conflict("a " + c.Status + " comment cannot be given the action " + m.Action)
		}
		before := moderationAudit(c)
		updates := map[string]any{"moderation_note": m.Note, "moderated_by": moderator.ID, "moderated_at": now, "version": c.Version + 1, "updated_at": now}
		switch m.Action {
		case ActionPublish:
			updates["status"], updates["reason_code"] = CommentPublished, ""
		case ActionReject:
			updates["status"], updates["reason_code"] = CommentRejected, m.ReasonCode
		case ActionRedact:
			updates["status"], updates["reason_code"] = CommentPublished, m.ReasonCode
			if m.RedactedBody != nil {
				updates["redacted_body"] = *m.RedactedBody
			}
			if m.RedactedProposedChange != nil {
				updates["redacted_proposed_change"] = *m.RedactedProposedChange
			}
		}
		if err := updateSeenVersion(tx, &Comment{}, "id", c.ID, m.Version, updates,
			"another moderator acted on this comment at the same time; reload it"); err != nil {
			return err
		}
		wasPublished := c.Status == CommentPublished
		if err := tx.Where("id = ?", c.ID).Take(c).Error; err != nil {
			return err
		}
		if err := countPublished(tx, c, wasPublished); err != nil {
			return err
		}
		after := moderationAudit(c)
		if err := RecordAudit(ctx, tx, AuditEntry{ActorID: &moderator.ID, Action: "comment." + m.Action, SubjectType: "comment",
			SubjectID: c.ID, Before: before, After: after}, now); err != nil {
			return err
		}
		author, err := CommentAuthor(ctx, tx, c)
		if err != nil || author == nil {
			return err
		}
		t := mailtext.ModerationOutcome(baseURL, c.TrackingNumber, c.Status, c.ReasonCode, c.ModerationNote, c.Redacted())
		return EnqueueMail(ctx, tx, author.Email, t.Subject, t.Body, now)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// countPublished keeps the heat-map count of the comment's clause (Clause.PublishedCommentCount)
// when a decision publishes the comment or takes it out of publication; confidential comments and
// comments on no clause are not counted.
func countPublished(tx *gorm.DB, c *Comment, wasPublished bool) error {
	delta := 0
	switch isPublished := c.Status == CommentPublished; {
	case isPublished && !wasPublished:
		delta = 1
	case wasPublished && !isPublished:
		delta = -1
	}
	if delta == 0 || c.ClauseID == nil || c.Publication == Confidential {
		return nil
	}
	return tx.Model(&Clause{}).Where("id = ?", *c.ClauseID).
		Update("published_comment_count", gorm.Expr("published_comment_count + ?", delta)).Error
}

// moderationAudit is what the audit trail records of a comment before and after a decision.
func moderationAudit(c *Comment) map[string]any {
	return map[string]any{"status": c.Status, "redacted_body": c.RedactedBody, "redacted_proposed_change": c.RedactedProposedChange,
		"reason_code": c.ReasonCode, "version": c.Version}
}

// QueueFilter narrows the moderation queue and asks for one page of it.
type QueueFilter struct {
	ConsultationID  string
	Status          string // default submitted
	ClauseID        string
	StakeholderType string     // the author's
	ClusterID       string     // a near-duplicate group: its first comment's id
	Clusters        *Clusterer // assigns waiting comments before ClusterID is looked up
	Page
}

// ModerationQueue returns one page of comments in a status (submitted unless asked), oldest
// first, optionally of one consultation, one clause, one near-duplicate group and authors of one
// stakeholder type.
func ModerationQueue(ctx context.Context, db *gorm.DB, f QueueFilter) ([]Comment, *string, error) {
	if f.Status == "" {
		f.Status = CommentSubmitted
	}
	var errs []FieldError
	if !slices.Contains([]string{CommentSubmitted, CommentPublished, CommentRejected, CommentWithdrawn}, f.Status) {
		errs = append(errs, FieldError{Field: "status", Message: "must be submitted, published, rejected or withdrawn"})
	}
	if f.ConsultationID != "" {
		errs = appendIf(errs, checkID("consultation_id", f.ConsultationID, "a consultation id"))
	}
	if f.ClauseID != "" {
		errs = appendIf(errs, checkID("clause_id", f.ClauseID, "a clause id"))
	}
	if f.StakeholderType != "" && !ValidStakeholderType(f.StakeholderType) {
		errs = append(errs, FieldError{Field: "stakeholder_type", Message: "is not a stakeholder type"})
	}
	if f.ClusterID != "" {
		errs = appendIf(errs, checkID("cluster_id", f.ClusterID, "a cluster id"))
	}
	if len(errs) > 0 {
		return nil, nil, Invalid("the query has invalid parameters", errs...)
	}
	tx, err := f.apply(db.WithContext(ctx), "id", false)
	if err != nil {
		return nil, nil, err
	}
	tx = tx.Where("status = ?", f.Status)
	if f.ConsultationID != "" {
		tx = tx.Where("consultation_id = ?", f.ConsultationID)
	}
	if f.ClauseID != "" {
		tx = tx.Where("clause_id = ?", f.ClauseID)
	}
	if f.StakeholderType != "" {
		tx = tx.Where("author_id IN (SELECT id FROM users WHERE stakeholder_type = ?)", f.StakeholderType)
	}
	if f.ClusterID != "" {
		if err := catchUpClusterOf(ctx, db, f.Clusters, f.ClusterID); err != nil {
			return nil, nil, err
		}
		leaders := db.Model(&CommentCluster{}).Select("consultation_id").Where("comment_id = ?", f.ClusterID)
		tx = tx.Where("id IN (?)", inCluster(db, leaders, f.ClusterID))
	}
	var out []Comment
	if err := tx.Find(&out).Error; err != nil {
		return nil, nil, err
	}
	items, next := nextCursor(out, f.Limit, func(c Comment) string { return c.ID })
	return items, next, nil
}
