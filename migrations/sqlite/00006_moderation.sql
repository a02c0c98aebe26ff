-- +goose Up
ALTER TABLE comments ADD COLUMN redacted_body text;
ALTER TABLE comments ADD COLUMN reason_code text NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN moderation_note text NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN moderated_by text REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE comments ADD COLUMN moderated_at datetime;

-- +goose Down
ALTER TABLE comments DROP COLUMN moderated_at;
ALTER TABLE comments DROP COLUMN moderated_by;
ALTER TABLE comments DROP COLUMN moderation_note;
ALTER TABLE comments DROP COLUMN reason_code;
ALTER TABLE comments DROP COLUMN redacted_body;
