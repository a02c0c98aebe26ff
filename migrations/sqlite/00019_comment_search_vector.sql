-- PostgreSQL keeps the searched words of a comment in a generated column (see the postgres
-- migration of the same number). SQLite searches its FTS5 table comments_fts, which its triggers
-- keep; nothing changes here, the number stays in step with PostgreSQL's.
-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
