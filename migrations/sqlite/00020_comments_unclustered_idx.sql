-- The Clusterer takes a consultation's waiting comments (cluster_seq still NULL) 100 at a time in
-- order of arrival. Without an index on that order every batch sorted all the waiting comments
-- again: after a bulk load of 100,000, 1,000 sorts of up to 100,000 rows (1.4 ms a comment). The
-- partial index holds only the waiting comments, so it stays small and each batch reads 100 rows.
-- +goose Up
CREATE INDEX comments_unclustered_idx ON comments (consultation_id, created_at, id) WHERE cluster_seq IS NULL;

-- +goose Down
DROP INDEX comments_unclustered_idx;
