-- Only the public list searches comments (q), and it reads published, non-confidential comments
-- alone; yet every comment was in the full-text GIN index from the moment it was submitted. Under a
-- surge each new comment added its words to the index's pending list, and whichever insert filled
-- the list (4 MB) merged it into the index inline: single-row INSERTs that took 100-580 ms every
-- couple of seconds, the stalls behind the submissions' p99. The index now holds the comments the
-- search can return: a submission no longer touches it, and a comment enters it when a moderator
-- publishes it. The search repeats the predicate as constants so the planner can use the index.
-- +goose Up
DROP INDEX comments_search_idx;
CREATE INDEX comments_search_idx ON comments USING gin (search_vector)
    WHERE status = 'published' AND publication <> 'confidential';

-- +goose Down
DROP INDEX comments_search_idx;
CREATE INDEX comments_search_idx ON comments USING gin (search_vector);
