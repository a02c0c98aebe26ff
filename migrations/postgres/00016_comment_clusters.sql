-- Campaign clusters are stored, not recomputed: each comment is assigned once, in the order the
-- clusterer takes them (cluster_seq, counted per consultation from 1; NULL while it waits), and
-- cluster_id names its cluster's first comment once it has joined one. Reading clusters is then
-- a query; a process that took no part replays the assignments in cluster_seq order.
-- +goose Up
ALTER TABLE comments ADD COLUMN cluster_id uuid;
ALTER TABLE comments ADD COLUMN cluster_seq BIGINT;
CREATE INDEX comments_cluster_idx ON comments (consultation_id, cluster_id);
CREATE INDEX comments_cluster_seq_idx ON comments (consultation_id, cluster_seq);

-- +goose Down
DROP INDEX comments_cluster_seq_idx;
DROP INDEX comments_cluster_idx;
ALTER TABLE comments DROP COLUMN cluster_seq;
ALTER TABLE comments DROP COLUMN cluster_id;
