-- +goose Up
ALTER TABLE comments ADD COLUMN paragraph_ref text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE comments DROP COLUMN paragraph_ref;
