-- +goose Up
-- Chinese search: FTS5 with the trigram tokenizer over projects.search_text (3+ characters;
-- shorter queries fall back to LIKE in dialect.go).
CREATE VIRTUAL TABLE project_fts USING fts5 (search_text, content='projects', content_rowid='id', tokenize='trigram');
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
