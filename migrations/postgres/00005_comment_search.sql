-- +goose Up
-- Full-text search over published comments: language-neutral ('simple') so that every EU
-- language is matched word for word.
CREATE INDEX comments_search_idx ON comments USING gin (to_tsvector('simple', body || ' ' || proposed_change));

-- +goose Down
DROP INDEX comments_search_idx;
