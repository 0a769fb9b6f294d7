-- +goose Up
-- Chinese search: pg_trgm over projects.search_text; the database is created with
-- --locale=C.UTF-8 so that pg_trgm treats Chinese characters as word characters.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX projects_search ON projects USING gin (search_text gin_trgm_ops);

-- +goose Down
DROP INDEX projects_search;
