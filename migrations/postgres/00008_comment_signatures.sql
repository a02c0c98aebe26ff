-- +goose Up
-- MinHash signature of each comment's normalised text, for campaign detection (internal/neardup).
ALTER TABLE comments ADD COLUMN signature bytea;

-- +goose Down
ALTER TABLE comments DROP COLUMN signature;
