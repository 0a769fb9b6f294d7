-- +goose Up
-- Monthly totals of funds arrived and investment completed, by the project attributes the
-- statistics filter on: region, manufacturing, capital source and whether the project is over
-- 1亿元 (过亿元项目). A summary, a ranking or a monthly series of a city-year reads a few
-- hundred of these rows instead of joining every project to its months (130,000 joined rows
-- for a city of 40,000 projects). store/totals.go keeps them: every write of monthly progress,
-- and every change of a project's region, manufacturing flag, capital source or 1亿元 side,
-- adds the difference it makes, in the same transaction. Columns carry the projects' names so
-- that the scope conditions (p.region_code, p.region_path) apply to them unchanged.
CREATE TABLE progress_totals (
    region_path        TEXT NOT NULL,
    month              TEXT NOT NULL,
    manufacturing      BOOLEAN NOT NULL,
    capital_source     TEXT NOT NULL,
    over_yi            BOOLEAN NOT NULL,
    region_code        TEXT NOT NULL,
    funds_arrived_yuan BIGINT NOT NULL,
    invested_yuan      BIGINT NOT NULL,
    PRIMARY KEY (region_path, month, manufacturing, capital_source, over_yi)
);
INSERT INTO progress_totals (region_path, month, manufacturing, capital_source, over_yi, region_code, funds_arrived_yuan, invested_yuan)
SELECT p.region_path, pg.month, p.manufacturing, p.capital_source, p.total_investment_yuan >= 100000000, p.region_code,
       SUM(pg.funds_arrived_yuan), SUM(pg.invested_yuan)
FROM project_progress pg JOIN projects p ON p.id = pg.project_id
GROUP BY p.region_path, pg.month, p.manufacturing, p.capital_source, p.total_investment_yuan >= 100000000, p.region_code;

-- +goose Down
DROP TABLE progress_totals;
