-- A comment's campaign assignment moves out of the comments table into a narrow table of its own
-- (see the PostgreSQL migration of the same number: assigning a comment no longer rewrites its row
-- and every index of comments). Every new comment waits for the clusterer (cluster_seq NULL): a
-- trigger adds its row, however the comment was inserted.
-- +goose Up
CREATE TABLE comment_clusters (
    comment_id      text NOT NULL PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
    consultation_id text NOT NULL,
    created_at      datetime NOT NULL,
    cluster_seq     integer,
    cluster_id      text
);
INSERT INTO comment_clusters (comment_id, consultation_id, created_at, cluster_seq, cluster_id)
    SELECT id, consultation_id, created_at, cluster_seq, cluster_id FROM comments;
CREATE UNIQUE INDEX comment_clusters_seq_key ON comment_clusters (consultation_id, cluster_seq);
CREATE INDEX comment_clusters_cluster_idx ON comment_clusters (consultation_id, cluster_id);
CREATE INDEX comment_clusters_waiting_idx ON comment_clusters (consultation_id, created_at, comment_id) WHERE cluster_seq IS NULL;

-- +goose StatementBegin
CREATE TRIGGER comments_wait_for_clusters AFTER INSERT ON comments BEGIN
    INSERT INTO comment_clusters (comment_id, consultation_id, created_at) VALUES (NEW.id, NEW.consultation_id, NEW.created_at);
END;
-- +goose StatementEnd

DROP INDEX comments_unclustered_idx;
DROP INDEX comments_cluster_seq_idx;
DROP INDEX comments_cluster_idx;
ALTER TABLE comments DROP COLUMN cluster_seq;
ALTER TABLE comments DROP COLUMN cluster_id;

-- +goose Down
ALTER TABLE comments ADD COLUMN cluster_id TEXT;
ALTER TABLE comments ADD COLUMN cluster_seq INTEGER;
UPDATE comments SET
    cluster_id = (SELECT cc.cluster_id FROM comment_clusters cc WHERE cc.comment_id = comments.id),
    cluster_seq = (SELECT cc.cluster_seq FROM comment_clusters cc WHERE cc.comment_id = comments.id);
CREATE INDEX comments_cluster_idx ON comments (consultation_id, cluster_id);
CREATE INDEX comments_cluster_seq_idx ON comments (consultation_id, cluster_seq);
CREATE INDEX comments_unclustered_idx ON comments (consultation_id, created_at, id) WHERE cluster_seq IS NULL;
DROP TRIGGER comments_wait_for_clusters;
DROP TABLE comment_clusters;
