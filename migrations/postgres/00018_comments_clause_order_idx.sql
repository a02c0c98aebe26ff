-- The PDF report reads a consultation's comments clause by clause, each clause's in id order, 500
-- at a time after the last id seen: with (consultation_id, clause_id, id) each batch is a range
-- scan that stops after 500 rows, general comments (clause_id NULL) included.
-- +goose Up
CREATE INDEX comments_consultation_clause_idx ON comments (consultation_id, clause_id, id);

-- +goose Down
DROP INDEX comments_consultation_clause_idx;
