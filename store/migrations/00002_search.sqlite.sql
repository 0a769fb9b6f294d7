-- +goose Up
-- Chinese search: FTS5 with the trigram tokenizer over projects.search_text, queried with LIKE
-- (3+ characters; shorter queries fall back to a plain LIKE in dialect.go). detail='none'
-- keeps the index small and imports fast: LIKE needs no positions, FTS5 checks the content.
CREATE VIRTUAL TABLE project_fts USING fts5 (search_text, content='projects', content_rowid='id', tokenize='trigram', detail='none');
-- +goose StatementBegin
CREATE TRIGGER projects_fts_insert AFTER INSERT ON projects BEGIN
    INSERT INTO project_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER projects_fts_delete AFTER DELETE ON projects BEGIN
    INSERT INTO project_fts (project_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER projects_fts_update AFTER UPDATE OF search_text ON projects BEGIN
    INSERT INTO project_fts (project_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO project_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE project_fts;
