-- +goose Up
CREATE TABLE attachments (
    id           uuid PRIMARY KEY,
    owner_type   text NOT NULL CHECK (owner_type IN ('document', 'comment')),
    owner_id     uuid NOT NULL,
    file_name    text NOT NULL,
    content_type text NOT NULL,
    size_bytes   bigint NOT NULL,
    sha256       text NOT NULL,
    storage_key  text NOT NULL,
    uploaded_by  uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX attachments_owner_idx ON attachments (owner_type, owner_id);
CREATE UNIQUE INDEX attachments_storage_key_key ON attachments (storage_key);

-- +goose Down
DROP TABLE attachments;
