package models

import (
	"context"

	"gorm.io/gorm"

	"consult/internal/neardup"
)

// Campaign detection (internal/neardup): every comment is signed with the default setting (word
// 3-shingles, 128 MinHash permutations), so stored signatures stay comparable; the grouping setting
// the clusters are computed with (its similarity threshold, CONSULT_CLUSTER_SIMILARITY) is passed
// to each function that groups.

// Cluster is a group of near-identical comments (a campaign). Its id is its first comment's id
// and its representative text that comment's body. TrackingNumbers are the members' tracking
// numbers, in the order of Members.
type Cluster struct {
	ID              string   `json:"id"`
	Size            int      `json:"size"`
	Representative  string   `json:"representative"`
	Members         []string `json:"members"`
	TrackingNumbers []string `json:"tracking_numbers"`
}

// ConsultationClusters groups a consultation's comments as they arrived: the stored signatures are
// replayed in arrival order, so every server process computes the same clusters with the same ids.
// Nothing is deleted; withdrawn comments take no part.
func ConsultationClusters(ctx context.Context, db *gorm.DB, grouping neardup.Config, consultationID string) ([]Cluster, error) {
	var rows []struct {
		ID             string
		TrackingNumber string
		Signature      []byte
	}
	err := db.WithContext(ctx).Model(&Comment{}).Select("id, tracking_number, signature").
		Where("consultation_id = ? AND status <> ? AND signature IS NOT NULL", consultationID, CommentWithdrawn).
		Order("created_at, id").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	ix, err := neardup.NewIndex(grouping)
	if err != nil {
		return nil, err
	}
	items := make([]neardup.Item, 0, len(rows))
	tracking := make(map[string]string, len(rows))
	for _, r := range rows {
		tracking[r.ID] = r.TrackingNumber
		sig, err := neardup.ParseSignature(r.Signature)
		if err != nil || !ix.Compatible(sig) {
			continue
		}
		items = append(items, neardup.Item{ID: r.ID, Sig: sig})
	}
	if err := ix.Load(items); err != nil {
		return nil, err
	}
	found := ix.Clusters()
	out := make([]Cluster, 0, len(found))
	for _, c := range found {
		members := ix.Members(c.ID)
		numbers := make([]string, len(members))
		for i, id := range members {
			numbers[i] = tracking[id]
		}
		out = append(out, Cluster{ID: c.ID, Size: c.Size, Members: members, TrackingNumbers: numbers})
	}
	if len(out) == 0 {
		return out, nil
	}
	ids := make([]string, 0, len(out))
	for _, c := range out {
		ids = append(ids, c.ID)
	}
	var reps []struct{ ID, Body string }
	if err := db.WithContext(ctx).Model(&Comment{}).Select("id, body").Where("id IN ?", ids).Scan(&reps).Error; err != nil {
		return nil, err
	}
	text := make(map[string]string, len(reps))
	for _, r := range reps {
		text[r.ID] = r.Body
	}
	for i := range out {
		out[i].Representative = text[out[i].ID]
	}
	return out, nil
}

// ClustersOf lists the clusters of the consultation named by id; an unknown consultation is not
// found.
func ClustersOf(ctx context.Context, db *gorm.DB, grouping neardup.Config, consultationID string) ([]Cluster, error) {
	con, err := FindConsultation(ctx, db, consultationID)
	if err != nil {
		return nil, err
	}
	return ConsultationClusters(ctx, db, grouping, con.ID)
}

// ClusterMembers loads the comments of one cluster of a consultation, in arrival order; an unknown
// consultation or cluster is not found.
func ClusterMembers(ctx context.Context, db *gorm.DB, grouping neardup.Config, consultationID, clusterID string) ([]Comment, error) {
	clusters, err := ClustersOf(ctx, db, grouping, consultationID)
	if err != nil {
		return nil, err
	}
	for _, cl := range clusters {
		if cl.ID == clusterID {
			var members []Comment
			err := db.WithContext(ctx).Where("id IN ?", cl.Members).Order("created_at, id").Find(&members).Error
			return members, err
		}
	}
	return nil, NotFound("cluster")
}

// clusterMemberIDs lists the ids of the comments of the cluster named by its first comment's id,
// in any consultation; an unknown cluster has none (a nil id list, which matches no comment).
func clusterMemberIDs(ctx context.Context, db *gorm.DB, grouping neardup.Config, clusterID string) ([]string, error) {
	var consultationIDs []string
	err := db.WithContext(ctx).Model(&Comment{}).Where("id = ?", clusterID).Pluck("consultation_id", &consultationIDs).Error
	if err != nil || len(consultationIDs) == 0 {
		return nil, err
	}
	clusters, err := ConsultationClusters(ctx, db, grouping, consultationIDs[0])
	if err != nil {
		return nil, err
	}
	for _, cl := range clusters {
		if cl.ID == clusterID {
			return cl.Members, nil
		}
	}
	return nil, nil
}

// ClusterOfComments maps each of the given comments that belongs to a cluster to that cluster's
// id, reading the clusters of each consultation once.
func ClusterOfComments(ctx context.Context, db *gorm.DB, grouping neardup.Config, comments []Comment) (map[string]string, error) {
	out := map[string]string{}
	done := map[string]bool{}
	for _, cm := range comments {
		if done[cm.ConsultationID] {
			continue
		}
		done[cm.ConsultationID] = true
		clusters, err := ConsultationClusters(ctx, db, grouping, cm.ConsultationID)
		if err != nil {
			return nil, err
		}
		for _, cl := range clusters {
			for _, m := range cl.Members {
				out[m] = cl.ID
			}
		}
	}
	return out, nil
}
