-- The heat map's per-clause counts of published, non-confidential comments are kept on the clause
-- and changed by the moderation that publishes or rejects a comment, so that reading a document
-- counts nothing (it was a GROUP BY over every comment of the document on every request).
-- +goose Up
ALTER TABLE clauses ADD COLUMN published_comment_count INTEGER NOT NULL DEFAULT 0;
UPDATE clauses SET published_comment_count = (
    SELECT COUNT(*) FROM comments cm
    WHERE cm.clause_id = clauses.id AND cm.status = 'published' AND cm.publication <> 'confidential');

-- +goose Down
ALTER TABLE clauses DROP COLUMN published_comment_count;
