package models

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"
)

// Campaign detection (internal/neardup): every comment is signed with the default setting (word
// 3-shingles, 128 MinHash permutations) when it arrives, and the Clusterer (comment_clusterer.go)
// stores the cluster it joins. The functions here read those stored clusters, after catching up
// with the comments still waiting. Withdrawn comments are left out of what they show.

// CommentCluster is a comment's place in its consultation's campaign clustering: ClusterSeq is
// its turn, nil until the Clusterer has taken it, and ClusterID the cluster it joined (its first
// comment's id), nil while it is in none. The database adds the row, waiting, when the comment is
// inserted (a trigger); assigning it updates this narrow row, never the comment's.
type CommentCluster struct {
	CommentID      string    `gorm:"primaryKey"`
	ConsultationID string    `gorm:"not null;uniqueIndex:comment_clusters_seq_key,priority:1;index:comment_clusters_cluster_idx,priority:1"`
	CreatedAt      time.Time `gorm:"not null"` // the comment's, for the order of arrival
	ClusterSeq     *int64    `gorm:"uniqueIndex:comment_clusters_seq_key,priority:2"`
	ClusterID      *string   `gorm:"index:comment_clusters_cluster_idx,priority:2"`
}

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

// ClustersOf lists the clusters of the consultation named by id, largest first, ties in the order
// they formed; an unknown consultation is not found.
func ClustersOf(ctx context.Context, db *gorm.DB, cl *Clusterer, consultationID string) ([]Cluster, error) {
	con, err := FindConsultation(ctx, db, consultationID)
	if err != nil {
		return nil, err
	}
	if err := cl.CatchUp(ctx, con.ID); err != nil {
		return nil, err
	}
	var rows []struct {
		ID             string
		TrackingNumber string
		ClusterID      string
	}
	err = db.WithContext(ctx).Table("comment_clusters cc").Select("c.id, c.tracking_number, cc.cluster_id").
		Joins("JOIN comments c ON c.id = cc.comment_id").
		Where("cc.consultation_id = ? AND cc.cluster_id IS NOT NULL AND c.status <> ?", con.ID, CommentWithdrawn).
		Order("cc.cluster_seq").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	byID := map[string]*Cluster{}
	var order []*Cluster
	for _, r := range rows {
		c := byID[r.ClusterID]
		if c == nil {
			c = &Cluster{ID: r.ClusterID}
			byID[r.ClusterID] = c
			order = append(order, c)
		}
		if r.ID == r.ClusterID { // the first comment leads its members
			c.Members = append([]string{r.ID}, c.Members...)
			c.TrackingNumbers = append([]string{r.TrackingNumber}, c.TrackingNumbers...)
		} else {
			c.Members = append(c.Members, r.ID)
			c.TrackingNumbers = append(c.TrackingNumbers, r.TrackingNumber)
		}
		c.Size++
	}
	out := make([]Cluster, 0, len(order))
	for _, c := range order {
		if c.Size >= 2 {
			out = append(out, *c)
		}
	}
	slices.SortStableFunc(out, func(a, b Cluster) int { return b.Size - a.Size })
	return out, representatives(ctx, db, con.ID, out)
}

// representativesPerQuery bounds the cluster ids one query asks for (PostgreSQL takes at most
// 65,535 parameters in a statement).
const representativesPerQuery = 1000

// representatives fills in each cluster's representative text: its first comment's body. It reads
// the bodies of these clusters' first comments only, not those of every comment that leads a
// cluster of its own: on 100,000 comments those were most of them, 100 MB read for each request.
func representatives(ctx context.Context, db *gorm.DB, consultationID string, clusters []Cluster) error {
	for chunk := range slices.Chunk(clusters, representativesPerQuery) {
		ids := make([]string, len(chunk))
		for i := range chunk {
			ids[i] = chunk[i].ID
		}
		var reps []struct{ ID, Body string }
		err := db.WithContext(ctx).Table("comments").Select("id, body").
			Where("consultation_id = ? AND id IN ?", consultationID, ids).Scan(&reps).Error
		if err != nil {
			return err
		}
		text := make(map[string]string, len(reps))
		for _, r := range reps {
			text[r.ID] = r.Body
		}
		for i := range chunk {
			chunk[i].Representative = text[chunk[i].ID]
		}
	}
	return nil
}

// ClusterMembers loads the comments of one cluster of a consultation, in arrival order; an unknown
// consultation or cluster is not found.
func ClusterMembers(ctx context.Context, db *gorm.DB, cl *Clusterer, consultationID, clusterID string) ([]Comment, error) {
	con, err := FindConsultation(ctx, db, consultationID)
	if err != nil {
		return nil, err
	}
	if err := cl.CatchUp(ctx, con.ID); err != nil {
		return nil, err
	}
	var members []Comment
	err = db.WithContext(ctx).Where("consultation_id = ? AND status <> ?", con.ID, CommentWithdrawn).
		Where("id IN (?)", inCluster(db, con.ID, clusterID)).
		Order("created_at, id").Find(&members).Error
	if err != nil {
		return nil, err
	}
	if len(members) < 2 {
		return nil, NotFound("cluster")
	}
	return members, nil
}

// catchUpClusterOf brings the clusters of the consultation that holds the comment clusterID up to
// date; an unknown comment has nothing to catch up.
func catchUpClusterOf(ctx context.Context, db *gorm.DB, cl *Clusterer, clusterID string) error {
	var consultationIDs []string
	err := db.WithContext(ctx).Model(&Comment{}).Where("id = ?", clusterID).Pluck("consultation_id", &consultationIDs).Error
	if err != nil || len(consultationIDs) == 0 {
		return err
	}
	return cl.CatchUp(ctx, consultationIDs[0])
}

// ClusterOfComments maps each of the given comments that belongs to a cluster to that cluster's
// id, after catching up with each of their consultations.
func ClusterOfComments(ctx context.Context, db *gorm.DB, cl *Clusterer, comments []Comment) (map[string]string, error) {
	out := map[string]string{}
	if len(comments) == 0 {
		return out, nil
	}
	ids := make([]string, 0, len(comments))
	var consultations []string
	for _, cm := range comments {
		ids = append(ids, cm.ID)
		if !slices.Contains(consultations, cm.ConsultationID) {
			consultations = append(consultations, cm.ConsultationID)
			if err := cl.CatchUp(ctx, cm.ConsultationID); err != nil {
				return nil, err
			}
		}
	}
	var rows []struct{ ID, ClusterID string }
	err := db.WithContext(ctx).Model(&CommentCluster{}).Select("comment_id AS id, cluster_id").Where("comment_id IN ? AND cluster_id IS NOT NULL", ids).Scan(&rows).Error
	if err != nil || len(rows) == 0 {
		return out, err
	}
	clusterIDs := make([]string, 0, len(rows))
	for _, r := range rows {
		clusterIDs = append(clusterIDs, r.ClusterID)
	}
	var sizes []struct {
		ClusterID string
		N         int
	}
	err = db.WithContext(ctx).Table("comment_clusters cc").Select("cc.cluster_id, COUNT(*) AS n").
		Joins("JOIN comments c ON c.id = cc.comment_id").
		Where("cc.consultation_id IN ? AND cc.cluster_id IN ? AND c.status <> ?", consultations, clusterIDs, CommentWithdrawn).Group("cc.cluster_id").Scan(&sizes).Error
	if err != nil {
		return nil, err
	}
	grouped := map[string]bool{}
	for _, s := range sizes {
		grouped[s.ClusterID] = s.N >= 2
	}
	for _, r := range rows {
		if grouped[r.ClusterID] {
			out[r.ID] = r.ClusterID
		}
	}
	return out, nil
}

// inCluster selects the ids of the comments of cluster clusterID in consultation: an id, or a
// query selecting one.
func inCluster(db *gorm.DB, consultation any, clusterID string) *gorm.DB {
	return db.Model(&CommentCluster{}).Select("comment_id").Where("consultation_id IN (?) AND cluster_id = ?", consultation, clusterID)
}
