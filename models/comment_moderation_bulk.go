package models

import (
	"context"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// Outcome is what became of one comment of a selection or a cluster: Err is nil when the action
// was applied to it, else the error the same action on that comment alone would have answered.
type Outcome struct {
	ID  string
	Err error
}

// Selected names one comment of a selection with the version the moderator saw.
type Selected struct {
	ID      string
	Version int
}

// ModerateSelection is the command that applies one decision to a selection of comments. The
// selection and the decision are checked whole first; then each comment is decided by
// ModerateComment, in its own transaction with its own version check, and its outcome listed.
func ModerateSelection(ctx context.Context, db *gorm.DB, moderator *User, items []Selected, m Moderation, now time.Time, baseURL string) ([]Outcome, error) {
	errs := validateSelection(items)
	if errs = append(errs, m.validate()...); len(errs) > 0 {
		return nil, Invalid("the selection or the decision has invalid fields", errs...)
	}
	out := make([]Outcome, 0, len(items))
	for _, it := range items {
		m.Version = it.Version
		_, err := ModerateComment(ctx, db, moderator, it.ID, m, now, baseURL)
		out = append(out, Outcome{ID: it.ID, Err: err})
	}
	return out, nil
}

// ModerateCluster is the command that applies one decision to every member of a cluster still
// waiting for moderation, each by ModerateComment in its own transaction; members already decided
// are left alone and not listed. An unknown consultation or cluster is not found.
func ModerateCluster(ctx context.Context, db *gorm.DB, cl *Clusterer, moderator *User, consultationID, clusterID string, m Moderation, now time.Time, baseURL string) ([]Outcome, error) {
	if errs := m.validate(); len(errs) > 0 {
		return nil, Invalid("the decision has invalid fields", errs...)
	}
	members, err := ClusterMembers(ctx, db, cl, consultationID, clusterID)
	if err != nil {
		return nil, err
	}
	out := make([]Outcome, 0, len(members))
	for _, cm := range members {
		if cm.Status != CommentSubmitted {
			continue
		}
		m.Version = cm.Version
		_, err := ModerateComment(ctx, db, moderator, cm.ID, m, now, baseURL)
		out = append(out, Outcome{ID: cm.ID, Err: err})
	}
	return out, nil
}

// validateSelection lists the faults of a selection: between 1 and MaxSelection comments, each an
// id with a version. A selection of the wrong size is named alone.
func validateSelection(items []Selected) []FieldError {
	if len(items) < 1 || len(items) > MaxSelection {
		return []FieldError{{Field: "items", Message: "select 1 to " + strconv.Itoa(MaxSelection) + " comments"}}
	}
	var errs []FieldError
	for i, it := range items {
		at := "items[" + strconv.Itoa(i) + "]."
		errs = appendIf(errs, checkID(at+"id", it.ID, "a comment id"), checkVersion(at+"version", it.Version))
	}
	return errs
}
