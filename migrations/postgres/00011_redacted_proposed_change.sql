-- +goose Up
-- A redaction may cover the proposed change as well as the body. The full-text index holds what
-- the public may read (the redacted text where there is one, else the original), so that a word
-- removed by a moderator cannot be searched for; models.fullText uses the same expression.
ALTER TABLE comments ADD COLUMN redacted_proposed_change text;

DROP INDEX comments_search_idx;
CREATE INDEX comments_search_idx ON comments USING gin (
    to_tsvector('simple', COALESCE(redacted_body, body) || ' ' || COALESCE(redacted_proposed_change, proposed_change)));

-- +goose Down
DROP INDEX comments_search_idx;
CREATE INDEX comments_search_idx ON comments USING gin (to_tsvector('simple', body || ' ' || proposed_change));
ALTER TABLE comments DROP COLUMN redacted_proposed_change;
