-- +goose Up
-- Two-character searches (most company short names: 歌尔, 潍柴) contain no trigram, so
-- pg_trgm answered them by reading every project. A second index holds each project's
-- two-character pieces (GIN keeps each once): a text contains a two-character query exactly
-- when the query is one of them (dialect.go, searchCond).
-- +goose StatementBegin
CREATE FUNCTION zhaoyin_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ARRAY(SELECT substr(t, i, 2) FROM generate_series(1, length(t) - 1) AS i)
$$;
-- +goose StatementEnd
CREATE INDEX projects_bigrams ON projects USING gin (zhaoyin_bigrams(search_text));

-- +goose Down
DROP INDEX projects_bigrams;
DROP FUNCTION zhaoyin_bigrams(text);
