-- +goose Up
-- Shared by both engines. Macros in capitals with a leading @ are filled in by dialect.go:
-- @ID (an auto-increment primary key) and @BLOB (binary data). Dates are YYYY-MM-DD text and
-- times ISO-8601 UTC text in both engines, so that comparisons and scans are the same.
CREATE TABLE regions (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    parent_code TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL,
    path        TEXT NOT NULL,
    builtin     BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX regions_parent ON regions (parent_code);
CREATE INDEX regions_name ON regions (name);

CREATE TABLE users (
    id            @ID,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    region_code   TEXT NOT NULL DEFAULT '',
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TEXT NOT NULL
);

CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   @BLOB NOT NULL,
    expiry TEXT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expiry);

CREATE TABLE api_tokens (
    id         @ID,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT NOT NULL DEFAULT '',
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE login_failures (
    key TEXT NOT NULL,
    at  TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);

CREATE TABLE enterprises (
    id   @ID,
    name TEXT NOT NULL,
    uscc TEXT UNIQUE
);
CREATE INDEX enterprises_name ON enterprises (name);

CREATE TABLE projects (
    id                     @ID,
    code                   TEXT NOT NULL UNIQUE,
    name                   TEXT NOT NULL,
    region_code            TEXT NOT NULL REFERENCES regions (code),
    region_path            TEXT NOT NULL,
    type                   TEXT NOT NULL,
    chain                  TEXT NOT NULL DEFAULT '',
    chain_node             TEXT NOT NULL DEFAULT '',
    manufacturing          BOOLEAN NOT NULL DEFAULT FALSE,
    capital_source         TEXT NOT NULL DEFAULT '',
    total_investment_yuan  BIGINT NOT NULL DEFAULT 0,
    annual_plan_yuan       BIGINT NOT NULL DEFAULT 0,
    signed_amount_yuan     BIGINT NOT NULL DEFAULT 0,
    foreign_investment_usd BIGINT NOT NULL DEFAULT 0,
    stage                  TEXT NOT NULL,
    negotiating_on         TEXT NOT NULL DEFAULT '',
    signed_on              TEXT NOT NULL DEFAULT '',
    approved_on            TEXT NOT NULL DEFAULT '',
    started_on             TEXT NOT NULL DEFAULT '',
    producing_on           TEXT NOT NULL DEFAULT '',
    achieved_on            TEXT NOT NULL DEFAULT '',
    dropped_on             TEXT NOT NULL DEFAULT '',
    drop_reason            TEXT NOT NULL DEFAULT '',
    land_mu                DOUBLE PRECISION NOT NULL DEFAULT 0,
    floor_area_m2          DOUBLE PRECISION NOT NULL DEFAULT 0,
    jobs                   BIGINT NOT NULL DEFAULT 0,
    responsible_person     TEXT NOT NULL DEFAULT '',
    leading_official       TEXT NOT NULL DEFAULT '',
    service_team           TEXT NOT NULL DEFAULT '',
    channel                TEXT NOT NULL DEFAULT '',
    description            TEXT NOT NULL DEFAULT '',
    search_text            TEXT NOT NULL DEFAULT '',
    version                BIGINT NOT NULL DEFAULT 1,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL
);
CREATE INDEX projects_region ON projects (region_path, stage, total_investment_yuan);
CREATE INDEX projects_region_code ON projects (region_code, stage, total_investment_yuan);
CREATE INDEX projects_stage ON projects (stage, total_investment_yuan);
CREATE INDEX projects_invest ON projects (total_investment_yuan);
CREATE INDEX projects_updated ON projects (updated_at);

-- Tags and batches: a project's labels, kind 'tag' or 'batch'.
CREATE TABLE project_labels (
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    PRIMARY KEY (project_id, kind, name)
);
CREATE INDEX project_labels_name ON project_labels (kind, name, project_id);

CREATE TABLE project_investors (
    project_id    BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
    position      BIGINT NOT NULL,
    PRIMARY KEY (project_id, position)
);
CREATE INDEX project_investors_enterprise ON project_investors (enterprise_id);

CREATE TABLE project_progress (
    project_id         BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    month              TEXT NOT NULL,
    funds_arrived_yuan BIGINT NOT NULL DEFAULT 0,
    invested_yuan      BIGINT NOT NULL DEFAULT 0,
    progress_text      TEXT NOT NULL DEFAULT '',
    problems           TEXT NOT NULL DEFAULT '',
    updated_at         TEXT NOT NULL,
    PRIMARY KEY (project_id, month)
);
CREATE INDEX project_progress_month ON project_progress (month, project_id);

CREATE TABLE audit_log (
    id       @ID,
    at       TEXT NOT NULL,
    username TEXT NOT NULL DEFAULT '',
    action   TEXT NOT NULL,
    object   TEXT NOT NULL DEFAULT '',
    changes  TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX audit_log_object ON audit_log (object, id);
CREATE INDEX audit_log_action ON audit_log (action, id);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE project_progress;
DROP TABLE project_investors;
DROP TABLE project_labels;
DROP TABLE projects;
DROP TABLE enterprises;
DROP TABLE login_failures;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE regions;
