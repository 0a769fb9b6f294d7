-- +goose Up
-- Assessment (考核 · 比拼): a city's scheme for a year, its indicators in order, and the
-- targets set per region (an indicator's own target applies to every other region).
CREATE TABLE assessment_schemes (
    id          @ID,
    year        BIGINT NOT NULL,
    region_code TEXT NOT NULL REFERENCES regions (code),
    name        TEXT NOT NULL,
    version     BIGINT NOT NULL DEFAULT 1,
    created_by  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    UNIQUE (region_code, year, name)
);

CREATE TABLE assessment_indicators (
    id        @ID,
    scheme_id BIGINT NOT NULL REFERENCES assessment_schemes (id) ON DELETE CASCADE,
    position  BIGINT NOT NULL,
    key       TEXT NOT NULL,
    label     TEXT NOT NULL,
    weight    DOUBLE PRECISION NOT NULL,
    method    TEXT NOT NULL,
    cap       DOUBLE PRECISION NOT NULL DEFAULT 0,
    target    BIGINT NOT NULL DEFAULT 0,
    UNIQUE (scheme_id, key)
);
CREATE INDEX assessment_indicators_scheme ON assessment_indicators (scheme_id, position);

CREATE TABLE assessment_targets (
    indicator_id BIGINT NOT NULL REFERENCES assessment_indicators (id) ON DELETE CASCADE,
    region_code  TEXT NOT NULL,
    target       BIGINT NOT NULL,
    PRIMARY KEY (indicator_id, region_code)
);

-- +goose Down
DROP TABLE assessment_targets;
DROP TABLE assessment_indicators;
DROP TABLE assessment_schemes;
