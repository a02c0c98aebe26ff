-- PostgreSQL's full-text index now holds only the comments the public search can return (see the
-- postgres migration of the same number). SQLite searches its FTS5 table comments_fts, which its
-- triggers keep; nothing changes here, the number stays in step with PostgreSQL's.
-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
