-- +goose Up
ALTER TABLE consultations ADD COLUMN comment_seq integer NOT NULL DEFAULT 0;

CREATE TABLE comments (
    id               text NOT NULL PRIMARY KEY,
    consultation_id  text NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    clause_id        text REFERENCES clauses (id) ON DELETE RESTRICT,
    author_id        text REFERENCES users (id) ON DELETE SET NULL,
    comment_type     text NOT NULL CHECK (comment_type IN ('general', 'technical', 'editorial')),
    body             text NOT NULL,
    proposed_change  text NOT NULL DEFAULT '',
    quote_exact      text NOT NULL DEFAULT '',
    quote_prefix     text NOT NULL DEFAULT '',
    quote_suffix     text NOT NULL DEFAULT '',
    publication      text NOT NULL CHECK (publication IN ('public_named', 'public_anonymous', 'confidential')),
    language         text NOT NULL DEFAULT '',
    status           text NOT NULL CHECK (status IN ('submitted', 'published', 'rejected', 'withdrawn')),
    tracking_number  text NOT NULL,
    version          integer NOT NULL DEFAULT 1,
    created_at       datetime NOT NULL,
    updated_at       datetime NOT NULL
);
CREATE UNIQUE INDEX comments_tracking_key ON comments (consultation_id, tracking_number);
CREATE INDEX comments_consultation_status_idx ON comments (consultation_id, status);
CREATE INDEX comments_clause_idx ON comments (clause_id);
CREATE INDEX comments_author_idx ON comments (author_id);

CREATE TABLE comment_revisions (
    id              text NOT NULL PRIMARY KEY,
    comment_id      text NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    version         integer NOT NULL,
    comment_type    text NOT NULL,
    body            text NOT NULL,
    proposed_change text NOT NULL,
    publication     text NOT NULL,
    created_at      datetime NOT NULL
);
CREATE UNIQUE INDEX comment_revisions_version_key ON comment_revisions (comment_id, version);

CREATE TABLE idempotency_keys (
    user_id         text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key             text NOT NULL,
    request_hash    text NOT NULL,
    response_status integer NOT NULL,
    response_body   text NOT NULL,
    created_at      datetime NOT NULL,
    PRIMARY KEY (user_id, key)
);

-- +goose Down
DROP TABLE idempotency_keys;
DROP TABLE comment_revisions;
DROP TABLE comments;
ALTER TABLE consultations DROP COLUMN comment_seq;
