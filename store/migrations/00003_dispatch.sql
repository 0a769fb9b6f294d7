-- +goose Up
-- Monthly dispatch (调度): one period per city and month. A project's month is read-only while
-- a period covering the project's region is closed (store/dispatch.go); periods of one month
-- never overlap, which the store checks when it opens one.
CREATE TABLE dispatch_periods (
    id            @ID,
    month         TEXT NOT NULL,
    region_code   TEXT NOT NULL REFERENCES regions (code),
    deadline      TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'open',
    opened_by     TEXT NOT NULL DEFAULT '',
    opened_at     TEXT NOT NULL,
    closed_by     TEXT NOT NULL DEFAULT '',
    closed_at     TEXT NOT NULL DEFAULT '',
    reopened_by   TEXT NOT NULL DEFAULT '',
    reopened_at   TEXT NOT NULL DEFAULT '',
    reopen_reason TEXT NOT NULL DEFAULT '',
    UNIQUE (month, region_code)
);

-- Reminders the city sent for a period, and the regions each one named.
CREATE TABLE dispatch_reminders (
    id         @ID,
    period_id  BIGINT NOT NULL REFERENCES dispatch_periods (id) ON DELETE CASCADE,
    message    TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX dispatch_reminders_period ON dispatch_reminders (period_id, id);

CREATE TABLE dispatch_reminder_regions (
    reminder_id BIGINT NOT NULL REFERENCES dispatch_reminders (id) ON DELETE CASCADE,
    region_code TEXT NOT NULL,
    PRIMARY KEY (reminder_id, region_code)
);

-- +goose Down
DROP TABLE dispatch_reminder_regions;
DROP TABLE dispatch_reminders;
DROP TABLE dispatch_periods;
