-- +goose Up
CREATE TABLE sessions (
    id           text NOT NULL PRIMARY KEY,
    user_id      text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   datetime NOT NULL,
    last_seen_at datetime NOT NULL,
    expires_at   datetime NOT NULL,
    revoked_at   datetime,
    user_agent   text NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE refresh_tokens (
    id         text NOT NULL PRIMARY KEY,
    session_id text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    token_hash text NOT NULL,
    expires_at datetime NOT NULL,
    used_at    datetime,
    created_at datetime NOT NULL
);
CREATE UNIQUE INDEX refresh_tokens_hash_key ON refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

CREATE TABLE one_time_tokens (
    id         text NOT NULL PRIMARY KEY,
    user_id    text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    text NOT NULL CHECK (purpose IN ('verify_email', 'password_reset')),
    token_hash text NOT NULL,
    expires_at datetime NOT NULL,
    used_at    datetime,
    created_at datetime NOT NULL
);
CREATE UNIQUE INDEX one_time_tokens_hash_key ON one_time_tokens (token_hash);
CREATE INDEX one_time_tokens_user_idx ON one_time_tokens (user_id);

CREATE TABLE mail_outbox (
    id              text NOT NULL PRIMARY KEY,
    to_address      text NOT NULL,
    subject         text NOT NULL,
    body_text       text NOT NULL,
    status          text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at datetime NOT NULL,
    locked_until    datetime,
    last_error      text NOT NULL DEFAULT '',
    created_at      datetime NOT NULL,
    sent_at         datetime
);
CREATE INDEX mail_outbox_due_idx ON mail_outbox (status, next_attempt_at);

CREATE TABLE rate_counters (
    key          text NOT NULL,
    window_start datetime NOT NULL,
    count        integer NOT NULL,
    PRIMARY KEY (key, window_start)
);

CREATE TABLE audit_events (
    id           text NOT NULL PRIMARY KEY,
    seq          integer NOT NULL,
    actor_id     text,
    action       text NOT NULL,
    subject_type text NOT NULL,
    subject_id   text NOT NULL,
    before_json  text NOT NULL,
    after_json   text NOT NULL,
    created_at   datetime NOT NULL,
    prev_hash    text NOT NULL,
    hash         text NOT NULL
);
CREATE UNIQUE INDEX audit_events_seq_key ON audit_events (seq);

-- +goose Down
DROP TABLE audit_events;
DROP TABLE rate_counters;
DROP TABLE mail_outbox;
DROP TABLE one_time_tokens;
DROP TABLE refresh_tokens;
DROP TABLE sessions;
