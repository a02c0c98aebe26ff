-- +goose Up
-- MinHash signature of each comment's normalised text, for campaign detection (internal/neardup).
ALTER TABLE comments ADD COLUMN signature blob;

-- +goose Down
ALTER TABLE comments DROP COLUMN signature;
