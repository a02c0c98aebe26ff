-- +goose Up
-- A redaction may cover the proposed change as well as the body. The full-text index holds what
-- the public may read (the redacted text where there is one, else the original), so that a word
-- removed by a moderator cannot be searched for. The index becomes contentless: its columns are
-- no longer copies of the comments table's, and every trigger hands it the public texts.
ALTER TABLE comments ADD COLUMN redacted_proposed_change text;

DROP TRIGGER comments_fts_update;
DROP TRIGGER comments_fts_delete;
DROP TRIGGER comments_fts_insert;
DROP TABLE comments_fts;

CREATE VIRTUAL TABLE comments_fts USING fts5(body, proposed_change, content='', tokenize='unicode61 remove_diacritics 2');

INSERT INTO comments_fts (rowid, body, proposed_change)
SELECT rowid, COALESCE(redacted_body, body), COALESCE(redacted_proposed_change, proposed_change) FROM comments;

-- +goose StatementBegin
CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN
    INSERT INTO comments_fts (rowid, body, proposed_change)
    VALUES (new.rowid, COALESCE(new.redacted_body, new.body), COALESCE(new.redacted_proposed_change, new.proposed_change));
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, body, proposed_change)
    VALUES ('delete', old.rowid, COALESCE(old.redacted_body, old.body), COALESCE(old.redacted_proposed_change, old.proposed_change));
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER comments_fts_update AFTER UPDATE OF body, proposed_change, redacted_body, redacted_proposed_change ON comments BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, body, proposed_change)
    VALUES ('delete', old.rowid, COALESCE(old.redacted_body, old.body), COALESCE(old.redacted_proposed_change, old.proposed_change));
    INSERT INTO comments_fts (rowid, body, proposed_change)
    VALUES (new.rowid, COALESCE(new.redacted_body, new.body), COALESCE(new.redacted_proposed_change, new.proposed_change));
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER comments_fts_update;
DROP TRIGGER comments_fts_delete;
DROP TRIGGER comments_fts_insert;
DROP TABLE comments_fts;

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

ALTER TABLE comments DROP COLUMN redacted_proposed_change;

INSERT INTO comments_fts (comments_fts) VALUES ('rebuild');
