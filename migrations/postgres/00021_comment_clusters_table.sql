-- A comment's campaign assignment moves out of the comments table into a narrow table of its own.
-- Assigning a comment updated its row in comments: a new version of the whole row, indexed again in
-- every index of comments (the full-text GIN index included), once per comment; under a surge of
-- submissions that update was a quarter of PostgreSQL's time on comments. The clusterer now updates
-- a row of four small columns instead, and comments are only inserted by a submission.
-- Every new comment waits for the clusterer (cluster_seq NULL): a trigger adds its row, however
-- the comment was inserted.
-- +goose Up
CREATE TABLE comment_clusters (
    comment_id      uuid NOT NULL PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
    consultation_id uuid NOT NULL,
    created_at      timestamptz NOT NULL,
    cluster_seq     bigint,
    cluster_id      uuid
);
INSERT INTO comment_clusters (comment_id, consultation_id, created_at, cluster_seq, cluster_id)
    SELECT id, consultation_id, created_at, cluster_seq, cluster_id FROM comments;
CREATE UNIQUE INDEX comment_clusters_seq_key ON comment_clusters (consultation_id, cluster_seq);
CREATE INDEX comment_clusters_cluster_idx ON comment_clusters (consultation_id, cluster_id);
CREATE INDEX comment_clusters_waiting_idx ON comment_clusters (consultation_id, created_at, comment_id) WHERE cluster_seq IS NULL;

-- +goose StatementBegin
CREATE FUNCTION comment_clusters_wait() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO comment_clusters (comment_id, consultation_id, created_at) VALUES (NEW.id, NEW.consultation_id, NEW.created_at);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER comments_wait_for_clusters AFTER INSERT ON comments FOR EACH ROW EXECUTE FUNCTION comment_clusters_wait();

DROP INDEX comments_unclustered_idx;
DROP INDEX comments_cluster_seq_idx;
DROP INDEX comments_cluster_idx;
ALTER TABLE comments DROP COLUMN cluster_seq;
ALTER TABLE comments DROP COLUMN cluster_id;

-- +goose Down
ALTER TABLE comments ADD COLUMN cluster_id uuid;
ALTER TABLE comments ADD COLUMN cluster_seq BIGINT;
UPDATE comments c SET cluster_id = cc.cluster_id, cluster_seq = cc.cluster_seq FROM comment_clusters cc WHERE cc.comment_id = c.id;
CREATE INDEX comments_cluster_idx ON comments (consultation_id, cluster_id);
CREATE INDEX comments_cluster_seq_idx ON comments (consultation_id, cluster_seq);
CREATE INDEX comments_unclustered_idx ON comments (consultation_id, created_at, id) WHERE cluster_seq IS NULL;
DROP TRIGGER comments_wait_for_clusters ON comments;
DROP FUNCTION comment_clusters_wait();
DROP TABLE comment_clusters;
