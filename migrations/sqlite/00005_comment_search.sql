-- +goose Up
-- Full-text search over comments with FTS5, kept in step with the comments table by triggers.
CREATE VIRTUAL TABLE comments_fts USING fts5(body, proposed_change, content='comments', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');

-- +goose StatementBegin
CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN
    INSERT INTO comments_fts (rowid, body, proposed_change) VALUES (new.rowid, new.body, new.proposed_change);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, body, proposed_change) VALUES ('delete', old.rowid, old.body, old.proposed_change);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER comments_fts_update AFTER UPDATE OF body, proposed_change ON comments BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, body, proposed_change) VALUES ('delete', old.rowid, old.body, old.proposed_change);
    INSERT INTO comments_fts (rowid, body, proposed_change) VALUES (new.rowid, new.body, new.proposed_change);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER comments_fts_update;
DROP TRIGGER comments_fts_delete;
DROP TRIGGER comments_fts_insert;
DROP TABLE comments_fts;
