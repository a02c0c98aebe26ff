-- +goose Up
CREATE TABLE dispositions (
    comment_id      text NOT NULL PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
    resolution      text NOT NULL CHECK (resolution IN ('accepted', 'partially_accepted', 'not_accepted', 'noted')),
    response        text NOT NULL,
    next_clause_ref text NOT NULL DEFAULT '',
    decided_by      text REFERENCES users (id) ON DELETE SET NULL,
    version         integer NOT NULL DEFAULT 1,
    created_at      datetime NOT NULL,
    updated_at      datetime NOT NULL
);

-- +goose Down
DROP TABLE dispositions;
