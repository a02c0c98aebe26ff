-- An Idempotency-Key remembers the comment its first request created instead of the bytes of the
-- answer: a retry is answered with that comment. Keys whose comment is gone are forgotten.
-- +goose Up
CREATE TABLE idempotency_keys_next (
    user_id      text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key          text NOT NULL,
    request_hash text NOT NULL,
    comment_id   text REFERENCES comments (id) ON DELETE CASCADE,
    created_at   datetime NOT NULL,
    PRIMARY KEY (user_id, key)
);
INSERT INTO idempotency_keys_next (user_id, key, request_hash, comment_id, created_at)
SELECT k.user_id, k.key, k.request_hash, c.id, k.created_at
FROM idempotency_keys k
JOIN comments c ON c.id = CASE WHEN json_valid(k.response_body) THEN json_extract(k.response_body, '$.id') END
WHERE k.response_status = 201;
DROP TABLE idempotency_keys;
ALTER TABLE idempotency_keys_next RENAME TO idempotency_keys;

-- +goose Down
-- The answers were not kept, so the keys are forgotten.
CREATE TABLE idempotency_keys_prev (
    user_id         text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key             text NOT NULL,
    request_hash    text NOT NULL,
    response_status integer NOT NULL,
    response_body   text NOT NULL,
    created_at      datetime NOT NULL,
    PRIMARY KEY (user_id, key)
);
DROP TABLE idempotency_keys;
ALTER TABLE idempotency_keys_prev RENAME TO idempotency_keys;
