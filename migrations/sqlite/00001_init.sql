-- +goose Up
CREATE TABLE users (
    id                       text NOT NULL PRIMARY KEY,
    email                    text NOT NULL,
    email_verified           boolean NOT NULL DEFAULT false,
    password_hash            text NOT NULL,
    display_name             text NOT NULL,
    organisation             text NOT NULL DEFAULT '',
    stakeholder_type         text NOT NULL,
    country                  text NOT NULL,
    transparency_register_id text NOT NULL DEFAULT '',
    language                 text NOT NULL DEFAULT '',
    role                     text NOT NULL CHECK (role IN ('stakeholder', 'moderator', 'admin')),
    disabled                 boolean NOT NULL DEFAULT false,
    created_at               datetime NOT NULL,
    updated_at               datetime NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE schemes (
    id         text NOT NULL PRIMARY KEY,
    slug       text NOT NULL,
    title      text NOT NULL,
    summary    text NOT NULL DEFAULT '',
    created_at datetime NOT NULL,
    updated_at datetime NOT NULL
);
CREATE UNIQUE INDEX schemes_slug_key ON schemes (slug);

CREATE TABLE documents (
    id              text NOT NULL PRIMARY KEY,
    scheme_id       text NOT NULL REFERENCES schemes (id) ON DELETE CASCADE,
    title           text NOT NULL,
    version_label   text NOT NULL,
    source_markdown text NOT NULL,
    created_by      text REFERENCES users (id) ON DELETE SET NULL,
    created_at      datetime NOT NULL
);
CREATE UNIQUE INDEX documents_scheme_version_key ON documents (scheme_id, version_label);

CREATE TABLE clauses (
    id          text NOT NULL PRIMARY KEY,
    document_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    parent_id   text REFERENCES clauses (id) ON DELETE CASCADE,
    number      text NOT NULL,
    heading     text NOT NULL,
    body        text NOT NULL,
    level       integer NOT NULL,
    position    integer NOT NULL,
    key         text NOT NULL
);
CREATE UNIQUE INDEX clauses_document_number_key ON clauses (document_id, number);
CREATE INDEX clauses_parent_idx ON clauses (parent_id);

CREATE TABLE consultations (
    id          text NOT NULL PRIMARY KEY,
    document_id text NOT NULL REFERENCES documents (id) ON DELETE RESTRICT,
    title       text NOT NULL,
    description text NOT NULL DEFAULT '',
    opens_at    datetime NOT NULL,
    closes_at   datetime NOT NULL,
    created_by  text REFERENCES users (id) ON DELETE SET NULL,
    version     integer NOT NULL DEFAULT 1,
    created_at  datetime NOT NULL,
    updated_at  datetime NOT NULL,
    CHECK (closes_at > opens_at)
);
CREATE INDEX consultations_document_idx ON consultations (document_id);

-- +goose Down
DROP TABLE consultations;
DROP TABLE clauses;
DROP TABLE documents;
DROP TABLE schemes;
DROP TABLE users;
