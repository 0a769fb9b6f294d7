-- +goose Up
-- Dictionaries of the free-text project fields: chains (projects.chain), tags and batches
-- (project_labels). Projects keep the value itself, not a reference: a value typed on a project
-- or brought in by an import is in use before anyone registers it, so the store lists the
-- union of these rows and the values in use (store/dictionaries.go), and a row is written the
-- first time an administrator adds, describes, orders or retires a value. Renaming rewrites
-- the projects that use the value.
CREATE TABLE dictionary_entries (
    id          @ID,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    sort_order  BIGINT NOT NULL DEFAULT 0,
    retired     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (kind, name)
);

-- +goose Down
DROP TABLE dictionary_entries;
