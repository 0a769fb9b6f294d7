-- +goose Up
-- Covering indexes for the statistics (store/stats.go), so that a summary, a breakdown or a
-- ranking of a region reads index entries only, never the wide project rows:
--  * projects_stats: every column the aggregates, breakdowns, cycle times and warnings filter
--    on, led by region_path for the scope's range (the id comes with it, for the join to
--    progress and for fetching the few rows a list shows);
--  * projects_stats_leaf: the same for a region with nothing below it, which scopeWhere
--    matches by region_code (with region_path beside it, for the ranges stats.go adds);
--  * project_progress_stats: the monthly figures by project and month, for the join driven
--    by the projects of the scope (one range seek per project over the period's months).
-- Measured at 100,000 projects and 1,200,000 progress rows (store/stats_bench_test.go).
CREATE INDEX projects_stats ON projects (region_path, total_investment_yuan, manufacturing, capital_source, type, stage, chain,
    annual_plan_yuan, signed_amount_yuan, negotiating_on, signed_on, approved_on, started_on, producing_on, dropped_on);
CREATE INDEX projects_stats_leaf ON projects (region_code, region_path, total_investment_yuan, manufacturing, capital_source, type, stage,
    chain, annual_plan_yuan, signed_amount_yuan, negotiating_on, signed_on, approved_on, started_on, producing_on, dropped_on);
CREATE INDEX project_progress_stats ON project_progress (project_id, month, funds_arrived_yuan, invested_yuan);

-- +goose Down
DROP INDEX project_progress_stats;
DROP INDEX projects_stats_leaf;
DROP INDEX projects_stats;
