-- Tracking numbers are random (SCHEME-YEAR-XXXX-XXXX), so the per-consultation counter that every
-- submission used to lock is gone.
-- +goose Up
ALTER TABLE consultations DROP COLUMN comment_seq;

-- +goose Down
ALTER TABLE consultations ADD COLUMN comment_seq integer NOT NULL DEFAULT 0;
