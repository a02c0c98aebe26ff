package models

import (
	"context"
	"database/sql"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gorm.io/gorm"

	"consult/internal/neardup"
)

// clusterBatch is how many waiting comments one clustering transaction takes: few enough that
// the transaction is short, since on SQLite it holds the database's only write lock.
const clusterBatch = 100

// backgroundPause is how long a background pass waits between two batches, so that writers
// waiting for SQLite's write lock (submissions, imports) get their turn: SQLite's busy handler
// polls, and a clusterer starting its next batch at once could keep them waiting past the busy
// timeout.
const backgroundPause = 100 * time.Millisecond

// clusterGather is how long a background pass waits before it starts, so that the comments of a
// surge are clustered a batch at a time: a pass costs a transaction of five statements however
// few comments it takes, and a read of clusters catches up with what waits anyway.
const clusterGather = 200 * time.Millisecond

// clusterIdle is how long a consultation's index stays in memory after its last use.
const clusterIdle = 15 * time.Minute

// Clusterer assigns every comment to its campaign cluster once, right after it arrives, and
// stores the assignment in the comment's row of comment_clusters (CommentCluster: cluster_id,
// cluster_seq), so that reading clusters is a query. Submissions never wait for it: Notify wakes
// a background pass, and every read of clusters first catches up with what is still waiting, so
// readers always see every comment.
//
// Per consultation, assignments are made one at a time in cluster_seq order, under a
// transaction-scoped lock in PostgreSQL (SQLite serialises writers anyway), by an in-memory
// neardup.Index. A process whose index is behind the stored assignments (another process made
// them) replays them in cluster_seq order first, each with its stored cluster (neardup.Restore,
// which does not search again); its index then holds exactly what the other one built. A Clusterer is safe for concurrent use.
type Clusterer struct {
	db  *gorm.DB
	cfg neardup.Config
	log *slog.Logger

	mu      sync.Mutex
	states  map[string]*clusterState
	wanted  map[string]bool // consultations notified and not yet caught up
	running bool            // a background pass is under way
}

// clusterState is one consultation's index in this process.
type clusterState struct {
	mu   sync.Mutex // one catch-up at a time
	ix   *neardup.Index
	seq  int64 // the last cluster_seq the index holds
	used time.Time
	size atomic.Int64 // seq, readable without mu (IndexedComments)
}

// NewClusterer returns a Clusterer grouping by cfg (its threshold is CONSULT_CLUSTER_SIMILARITY).
func NewClusterer(db *gorm.DB, cfg neardup.Config, log *slog.Logger) *Clusterer {
	return &Clusterer{db: db, cfg: cfg, log: log, states: map[string]*clusterState{}, wanted: map[string]bool{}}
}

// Notify asks for the consultation's waiting comments to be clustered in the background.
func (cl *Clusterer) Notify(consultationID string) {
	cl.mu.Lock()
	cl.wanted[consultationID] = true
	if cl.running {
		cl.mu.Unlock()
		return
	}
	cl.running = true
	cl.mu.Unlock()
	go cl.drain()
}

// drain catches up every notified consultation until none is left.
func (cl *Clusterer) drain() {
	for {
		time.Sleep(clusterGather)
		cl.mu.Lock()
		if len(cl.wanted) == 0 {
			cl.running = false
			cl.mu.Unlock()
			return
		}
		ids := make([]string, 0, len(cl.wanted))
		for id := range cl.wanted {
			ids = append(ids, id)
		}
		clear(cl.wanted)
		cl.mu.Unlock()
		for _, id := range ids {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
			if err := cl.catchUp(ctx, id, backgroundPause); err != nil {
				cl.log.Warn("campaign clustering", "consultation_id", id, "error", err)
			}
			cancel()
		}
	}
}

// CatchUp assigns every waiting comment of the consultation to its cluster.
func (cl *Clusterer) CatchUp(ctx context.Context, consultationID string) error {
	return cl.catchUp(ctx, consultationID, 0)
}

// catchUp is CatchUp with a pause between batches.
func (cl *Clusterer) catchUp(ctx context.Context, consultationID string, pause time.Duration) error {
	st := cl.state(consultationID)
	st.mu.Lock()
	defer st.mu.Unlock()
	for {
		n, err := cl.assignBatch(ctx, st, consultationID)
		st.size.Store(st.seq)
		if err != nil {
			// The index may hold assignments the rolled-back transaction did not store.
			st.ix, st.seq = nil, 0
			st.size.Store(0)
			return err
		}
		if n < clusterBatch {
			return nil
		}
		time.Sleep(pause)
	}
}

// state returns the consultation's state, and forgets the indexes nobody used for a while.
func (cl *Clusterer) state(consultationID string) *clusterState {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	now := time.Now()
	for id, st := range cl.states {
		if id != consultationID && now.Sub(st.used) > clusterIdle && st.mu.TryLock() {
			delete(cl.states, id)
			st.mu.Unlock()
		}
	}
	st := cl.states[consultationID]
	if st == nil {
		st = &clusterState{}
		cl.states[consultationID] = st
	}
	st.used = now
	return st
}

// assignBatch assigns up to clusterBatch waiting comments in one transaction and returns how many.
func (cl *Clusterer) assignBatch(ctx context.Context, st *clusterState, consultationID string) (int, error) {
	n := 0
	err := cl.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockClusters(tx, consultationID); err != nil {
			return err
		}
		var waiting []signedComment
		err := tx.Table("comment_clusters cc").Select("c.id, c.signature").Joins("JOIN comments c ON c.id = cc.comment_id").
			Where("cc.consultation_id = ? AND cc.cluster_seq IS NULL", consultationID).
			Order("cc.created_at, cc.comment_id").Limit(clusterBatch).Scan(&waiting).Error
		if err != nil || len(waiting) == 0 {
			return err // nothing waits: a read needs no index, so a cold process does not replay
		}
		if err := cl.replay(tx, st, consultationID); err != nil {
			return err
		}
		first := st.seq + 1
		clusterOf := map[string]string{} // comment id -> the cluster it entered in this batch
		for _, w := range waiting {
			st.seq++
			a := st.ix.Assign(w.ID, w.signature())
			if a.ClusterID == "" {
				continue
			}
			for _, id := range append([]string{w.ID}, a.Also...) {
				clusterOf[id] = a.ClusterID
			}
		}
		n = len(waiting)
		return storeAssignments(tx, waiting, first, clusterOf)
	})
	return n, err
}

// lockClusters takes the consultation's clustering lock until tx ends (PostgreSQL; SQLite
// serialises writers anyway).
func lockClusters(tx *gorm.DB, consultationID string) error {
	if tx.Name() != "postgres" {
		return nil
	}
	return tx.Exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", "consult.clusters:"+consultationID).Error
}

// storeAssignments writes what a batch assigned in one statement: each comment of the batch its
// turn (cluster_seq) from first on, and each comment that entered a cluster (the batch's, and
// earlier ones pulled in with them) its cluster_id, in their rows of comment_clusters. One
// statement, not one per cluster, for the round trips.
func storeAssignments(tx *gorm.DB, batch []signedComment, first int64, clusterOf map[string]string) error {
	var stmt strings.Builder
	stmt.WriteString("UPDATE comment_clusters SET cluster_seq = CASE comment_id")
	args := make([]any, 0, 2*len(batch)+2*len(clusterOf)+1)
	ids := make([]string, 0, len(batch)+len(clusterOf))
	for i, c := range batch {
		stmt.WriteString(" WHEN ? THEN CAST(? AS BIGINT)")
		args = append(args, c.ID, first+int64(i))
		ids = append(ids, c.ID)
	}
	stmt.WriteString(" ELSE cluster_seq END")
	if len(clusterOf) > 0 {
		stmt.WriteString(", cluster_id = CASE comment_id")
		for id, cluster := range clusterOf {
			stmt.WriteString(" WHEN ? THEN ?")
			args = append(args, id, cluster)
			if !slices.ContainsFunc(batch, func(c signedComment) bool { return c.ID == id }) {
				ids = append(ids, id)
			}
		}
		stmt.WriteString(" ELSE cluster_id END")
	}
	stmt.WriteString(" WHERE comment_id IN ?")
	return tx.Exec(stmt.String(), append(args, ids)...).Error
}

// replayBatch is how many stored assignments one query of a replay reads.
const replayBatch = 2000

// replay brings the index up to the assignments stored for the consultation, in their order,
// restoring each with the cluster it is stored in rather than searching for it again.
func (cl *Clusterer) replay(tx *gorm.DB, st *clusterState, consultationID string) error {
	var top int64
	err := tx.Model(&CommentCluster{}).Select("COALESCE(MAX(cluster_seq), 0)").Where("consultation_id = ?", consultationID).Scan(&top).Error
	if err != nil {
		return err
	}
	if st.ix == nil || st.seq > top {
		ix, err := neardup.NewIndex(cl.cfg)
		if err != nil {
			return err
		}
		st.ix, st.seq = ix, 0
	}
	for st.seq < top {
		var stored []storedComment
		err := tx.Table("comment_clusters cc").Select("c.id, c.signature, cc.cluster_id").Joins("JOIN comments c ON c.id = cc.comment_id").
			Where("cc.consultation_id = ? AND cc.cluster_seq > ?", consultationID, st.seq).
			Order("cc.cluster_seq").Limit(replayBatch).Scan(&stored).Error
		if err != nil {
			return err
		}
		items := make([]neardup.Stored, len(stored))
		for i, s := range stored {
			items[i] = neardup.Stored{ID: s.ID, Sig: signedComment{s.ID, s.Signature}.signature(), ClusterID: s.ClusterID.String}
		}
		st.ix.Restore(items)
		st.seq += int64(len(stored))
		if len(stored) < replayBatch {
			st.seq = top
		}
	}
	return nil
}

// signedComment is a comment's id with its stored signature.
type signedComment struct {
	ID        string
	Signature []byte
}

// storedComment is a comment's id and signature with the cluster it was assigned to.
type storedComment struct {
	ID        string
	Signature []byte
	ClusterID sql.NullString
}

// signature decodes the stored signature; a missing or unreadable one is empty, which matches
// nothing.
func (s signedComment) signature() neardup.Signature {
	sig, err := neardup.ParseSignature(s.Signature)
	if err != nil {
		return neardup.Signature{}
	}
	return sig
}
