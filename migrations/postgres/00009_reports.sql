-- +goose Up
CREATE TABLE comment_reports (
    id          uuid PRIMARY KEY,
    comment_id  uuid NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    reporter_id uuid REFERENCES users (id) ON DELETE SET NULL,
    reason      text NOT NULL CHECK (reason IN ('spam', 'abusive', 'off_topic', 'personal_data', 'duplicate', 'other')),
    details     text NOT NULL DEFAULT '',
    status      text NOT NULL CHECK (status IN ('open', 'closed')),
    created_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX comment_reports_once_key ON comment_reports (comment_id, reporter_id);
CREATE INDEX comment_reports_status_idx ON comment_reports (status);

-- +goose Down
DROP TABLE comment_reports;
