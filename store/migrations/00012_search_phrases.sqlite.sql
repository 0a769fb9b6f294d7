-- +goose Up
-- Search without reading the projects (see searchCond in dialect.go):
--   * detail='full' keeps each trigram's positions, so a 3+ character query is an FTS5 phrase
--     (consecutive trigrams = the substring) answered from the index alone. With
--     detail='none' FTS5 had to read every candidate's text from projects to confirm it.
--   * project_fts_terms lists the index's trigrams, so a 1–2 character query is an FTS5 OR of
--     the trigrams that begin with it, instead of a scan of every project.
--     A character at the end of the text begins no trigram, hence the two spaces every
--     search_text now ends with (writer.go, searchText).
DROP TABLE project_fts;
UPDATE projects SET search_text = search_text || '  ';
CREATE VIRTUAL TABLE project_fts USING fts5 (search_text, content='projects', content_rowid='id', tokenize='trigram', detail='full');
INSERT INTO project_fts (project_fts) VALUES ('rebuild');
CREATE VIRTUAL TABLE project_fts_terms USING fts5vocab (project_fts, row);

-- +goose Down
DROP TABLE project_fts_terms;
DROP TABLE project_fts;
UPDATE projects SET search_text = rtrim(search_text, ' ');
CREATE VIRTUAL TABLE project_fts USING fts5 (search_text, content='projects', content_rowid='id', tokenize='trigram', detail='none');
INSERT INTO project_fts (project_fts) VALUES ('rebuild');
