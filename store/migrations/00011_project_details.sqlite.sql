-- +goose Up
-- A project's tags, batches and investors beside its row, as the writer last wrote them
-- (store/details.go), so that a page of the project list needs no query of its own for them.
-- project_labels and project_investors stay the record (filters, statistics and the
-- enterprises join read them); '' means "read them from there", which is what a project
-- whose investor an import renamed says until it is written again. Existing rows are filled
-- here (store_test.go runs this statement again to check it).
ALTER TABLE projects ADD COLUMN details TEXT NOT NULL DEFAULT '';
-- backfill
UPDATE projects SET details = json_object(
    't', json((SELECT json_group_array(name) FROM (SELECT l.name FROM project_labels l WHERE l.project_id = projects.id AND l.kind = 'tag' ORDER BY l.name))),
    'b', json((SELECT json_group_array(name) FROM (SELECT l.name FROM project_labels l WHERE l.project_id = projects.id AND l.kind = 'batch' ORDER BY l.name))),
    'i', json((SELECT json_group_array(json_array(name, uscc)) FROM (SELECT e.name, COALESCE(e.uscc, '') AS uscc
        FROM project_investors pi JOIN enterprises e ON e.id = pi.enterprise_id WHERE pi.project_id = projects.id ORDER BY pi.position))));

-- +goose Down
ALTER TABLE projects DROP COLUMN details;
