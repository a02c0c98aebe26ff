package models

import (
	"context"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// SeenDisposition names a member of a cluster with the version of its disposition the moderator
// saw; Version is nil when it had none.
type SeenDisposition struct {
	ID      string
	Version *int
}

// ClusterDispositionInput is one decision for every member of a cluster. Seen lists the members
// the moderator saw with their dispositions' versions; nil means the moderator saw none of them
// answered. An empty non-nil Seen is refused.
type ClusterDispositionInput struct {
	Resolution    string
	Response      string
	NextClauseRef string
	Seen          []SeenDisposition
}

// RecordClusterDisposition is the command that records one decision on every member of a cluster,
// each by RecordDisposition in its own transaction with optimistic locking, and lists each
// member's outcome. A member is recorded with the version stated for it in Seen: a stale one is a
// conflict, and so is a member that Seen does not list (it joined the cluster since) or a listed
// comment that is no longer a member. Without Seen each member is recorded as a first
// disposition, so that one already answered is a conflict, never overwritten unseen. Withdrawn
// members are skipped; any other that is not published answers not_moderated.
func RecordClusterDisposition(ctx context.Context, db *gorm.DB, cl *Clusterer, moderator *User, consultationID, clusterID string, in ClusterDispositionInput, now time.Time) ([]Outcome, error) {
	one := DispositionInput{Resolution: in.Resolution, Response: in.Response, NextClauseRef: in.NextClauseRef}
	errs := one.validate()
	if in.Seen != nil {
		errs = append(errs, validateSeen(in.Seen)...)
	}
	if len(errs) > 0 {
		return nil, Invalid("the disposition has invalid fields", errs...)
	}
	members, err := ClusterMembers(ctx, db, cl, consultationID, clusterID)
	if err != nil {
		return nil, err
	}
	seen := make(map[string]*int, len(in.Seen))
	for _, s := range in.Seen {
		seen[s.ID] = s.Version
	}
	out := make([]Outcome, 0, len(members))
	for _, cm := range members {
		if cm.Status == CommentWithdrawn {
			delete(seen, cm.ID)
			continue
		}
		version, listed := seen[cm.ID]
		if in.Seen != nil && !listed {
			out = append(out, Outcome{ID: cm.ID, Err: Conflict("the comment joined the cluster after you loaded it; reload the cluster")})
			continue
		}
		delete(seen, cm.ID)
		one.Version = version
		_, err := RecordDisposition(ctx, db, moderator, cm.ID, one, now)
		out = append(out, Outcome{ID: cm.ID, Err: err})
	}
	for _, s := range in.Seen {
		if _, left := seen[s.ID]; left {
			out = append(out, Outcome{ID: s.ID, Err: Conflict("the comment is no longer in the cluster; reload the cluster")})
		}
	}
	return out, nil
}

// validateSeen lists the faults of the members a cluster disposition lists: 1 to MaxClusterItems,
// each a comment id listed once, with a version when one is given.
func validateSeen(items []SeenDisposition) []FieldError {
	if len(items) < 1 || len(items) > MaxClusterItems {
		return []FieldError{{Field: "items", Message: "list 1 to " + strconv.Itoa(MaxClusterItems) + " members of the cluster"}}
	}
	var errs []FieldError
	listed := make(map[string]bool, len(items))
	for i, it := range items {
		at := "items[" + strconv.Itoa(i) + "]."
		errs = appendIf(errs, checkID(at+"id", it.ID, "a comment id"))
		if listed[it.ID] {
			errs = append(errs, FieldError{Field: at + "id", Message: "is listed twice"})
		}
		listed[it.ID] = true
		if it.Version != nil {
			errs = appendIf(errs, checkVersion(at+"version", *it.Version))
		}
	}
	return errs
}
