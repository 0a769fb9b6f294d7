-- +goose Up
-- The search index learns where each project lies, so that a search by a district's user
-- is answered from the index too (store/dialect.go, findBySearch):
--   * region_tokens gives each region a token of three private-use characters, one trigram,
--     made when a project in or below the region is first indexed (the writer adds missing
--     ones). A token never changes once made.
--   * project_fts gains the column scope: the tokens of the project's region and of every
--     region above it. "search_text : … AND scope : <token of X>" is a search within X.
--   * project_fts is now contentless (it no longer reads projects): removing a project's
--     entry needs only its id (contentless_delete).
CREATE TABLE region_tokens (
    n     INTEGER PRIMARY KEY,
    code  TEXT NOT NULL UNIQUE,
    token TEXT GENERATED ALWAYS AS (char(63743, 57344 + n / 6400, 57344 + n % 6400)) STORED
);
INSERT INTO region_tokens (code) SELECT code FROM regions ORDER BY path;
DROP TABLE project_fts_terms;
DROP TABLE project_fts;
CREATE VIRTUAL TABLE project_fts USING fts5 (search_text, scope, content='', contentless_delete=1, tokenize='trigram', detail='full');
-- backfill
INSERT INTO project_fts (rowid, search_text, scope)
SELECT p.id, p.search_text,
       (SELECT group_concat(t.token, ' ') FROM json_each('["' || replace(trim(p.region_path, '/'), '/', '","') || '"]') j
        JOIN region_tokens t ON t.code = j.value)
FROM projects p;
CREATE VIRTUAL TABLE project_fts_terms USING fts5vocab (project_fts, col);

-- +goose Down
DROP TABLE project_fts_terms;
DROP TABLE project_fts;
DROP TABLE region_tokens;
CREATE VIRTUAL TABLE project_fts USING fts5 (search_text, content='projects', content_rowid='id', tokenize='trigram', detail='full');
INSERT INTO project_fts (project_fts) VALUES ('rebuild');
CREATE VIRTUAL TABLE project_fts_terms USING fts5vocab (project_fts, row);
