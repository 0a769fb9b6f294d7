-- +goose Up
-- A project's tags, batches and investors beside its row, as the writer last wrote them
-- (store/details.go), so that a page of the project list needs no query of its own for them.
-- project_labels and project_investors stay the record (filters, statistics and the
-- enterprises join read them); '' means "read them from there", which is what a project
-- whose investor an import renamed says until it is written again. Existing rows are filled
-- here (store_test.go runs this statement again to check it).
ALTER TABLE projects ADD COLUMN details TEXT NOT NULL DEFAULT '';
-- backfill
UPDATE projects p SET details = json_build_object(
    't', COALESCE((SELECT json_agg(l.name ORDER BY l.name) FROM project_labels l WHERE l.project_id = p.id AND l.kind = 'tag'), '[]'::json),
    'b', COALESCE((SELECT json_agg(l.name ORDER BY l.name) FROM project_labels l WHERE l.project_id = p.id AND l.kind = 'batch'), '[]'::json),
    'i', COALESCE((SELECT json_agg(json_build_array(e.name, COALESCE(e.uscc, '')) ORDER BY pi.position)
        FROM project_investors pi JOIN enterprises e ON e.id = pi.enterprise_id WHERE pi.project_id = p.id), '[]'::json))::text;

-- +goose Down
ALTER TABLE projects DROP COLUMN details;
