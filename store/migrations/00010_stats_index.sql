-- +goose Up
-- One covering index for the statistics instead of two (migration 00005): projects_stats
-- now ends with region_code, so that it also serves a region with nothing below it, which
-- scopeWhere matches by region_code and statsScope bounds by the same region's path range.
-- The second wide index cost about 1.7 s of a 100,000-row import; the monthly totals
-- (00006) took over the heavy part of the summary that needed the leaf index most.
DROP INDEX IF EXISTS projects_stats_leaf;
DROP INDEX IF EXISTS projects_stats;
CREATE INDEX projects_stats ON projects (region_path, total_investment_yuan, manufacturing, capital_source, type, stage, chain,
    annual_plan_yuan, signed_amount_yuan, negotiating_on, signed_on, approved_on, started_on, producing_on, dropped_on, region_code);

-- +goose Down
DROP INDEX projects_stats;
CREATE INDEX projects_stats ON projects (region_path, total_investment_yuan, manufacturing, capital_source, type, stage, chain,
    annual_plan_yuan, signed_amount_yuan, negotiating_on, signed_on, approved_on, started_on, producing_on, dropped_on);
CREATE INDEX projects_stats_leaf ON projects (region_code, region_path, total_investment_yuan, manufacturing, capital_source, type, stage,
    chain, annual_plan_yuan, signed_amount_yuan, negotiating_on, signed_on, approved_on, started_on, producing_on, dropped_on);
