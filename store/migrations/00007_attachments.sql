-- +goose Up
-- Files kept with a project: agreements (协议), site photos (现场照片) and others. The bytes
-- live in the row: at 20 MB a file and a few files a project, the database stays the one
-- thing to back up. A delete only sets deleted_at, so that a mistaken one can be undone;
-- the row goes with its project (ON DELETE CASCADE).
CREATE TABLE attachments (
    id           @ID,
    project_id   BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    data         @BLOB NOT NULL,
    -- NULL: uploaded by the system (demo data, command line).
    uploaded_by  BIGINT REFERENCES users (id),
    uploaded_at  TEXT NOT NULL,
    deleted_at   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attachments_project ON attachments (project_id, deleted_at, id);

-- +goose Down
DROP TABLE attachments;
