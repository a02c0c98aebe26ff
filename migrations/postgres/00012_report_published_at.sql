-- +goose Up
-- When the disposition-of-comments report was published; until then the public sees no
-- resolutions or responses.
ALTER TABLE consultations ADD COLUMN report_published_at timestamptz;

-- +goose Down
ALTER TABLE consultations DROP COLUMN report_published_at;
