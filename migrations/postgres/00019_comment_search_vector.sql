-- Search evaluated to_tsvector over a comment's whole text for every row it looked at: with a
-- common word the planner walks the consultation's published comments in id order and filters
-- them, about 90 µs a row on long comments, and a rare word meant thousands of rows. The words are
-- now kept in a generated column, so the filter reads them and the GIN index (same words as before:
-- the public text, redacted where a moderator redacted) indexes the column.
-- +goose Up
ALTER TABLE comments ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', COALESCE(redacted_body, body) || ' ' || COALESCE(redacted_proposed_change, proposed_change))) STORED;
DROP INDEX comments_search_idx;
CREATE INDEX comments_search_idx ON comments USING gin (search_vector);

-- +goose Down
DROP INDEX comments_search_idx;
ALTER TABLE comments DROP COLUMN search_vector;
CREATE INDEX comments_search_idx ON comments USING gin (
    to_tsvector('simple', COALESCE(redacted_body, body) || ' ' || COALESCE(redacted_proposed_change, proposed_change)));
