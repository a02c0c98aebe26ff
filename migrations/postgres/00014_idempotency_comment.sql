-- An Idempotency-Key remembers the comment its first request created instead of the bytes of the
-- answer: a retry is answered with that comment. Keys whose comment is gone are forgotten.
-- +goose Up
ALTER TABLE idempotency_keys ADD COLUMN comment_id uuid REFERENCES comments (id) ON DELETE CASCADE;
UPDATE idempotency_keys k SET comment_id = c.id
FROM comments c
WHERE k.response_status = 201 AND c.id::text = k.response_body::jsonb ->> 'id';
DELETE FROM idempotency_keys WHERE comment_id IS NULL;
ALTER TABLE idempotency_keys DROP COLUMN response_status, DROP COLUMN response_body;

-- +goose Down
-- The answers were not kept, so the keys are forgotten.
DELETE FROM idempotency_keys;
ALTER TABLE idempotency_keys DROP COLUMN comment_id,
    ADD COLUMN response_status integer NOT NULL,
    ADD COLUMN response_body text NOT NULL;
