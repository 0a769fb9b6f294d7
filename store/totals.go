package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"zhaoyin"
)

// The monthly totals (table progress_totals, migration 00006) are kept here, inside the
// transaction of every write that changes them:
//   - ImportProgress (the form and the sheet alike) writes monthly progress;
//   - writeProjects changes a project's region, manufacturing flag, capital source or total
//     investment across 1亿元, which moves its months from one total to another.
//
// Each write reads the totals of the projects it touches before and after (grouped in SQL
// from project_progress), and adds the difference in one statement, its keys in a fixed
// order: two PostgreSQL transactions that add to the same totals lock them in the same order.

// totalsKey is one row of progress_totals.
type totalsKey struct {
	RegionPath, Month, CapitalSource, RegionCode string
	Manufacturing, OverYi                        bool
}

// overYi is zhaoyin.Yi written into the SQL: PostgreSQL groups by an expression only when it
// is written the same way in the select list, which two placeholders are not.
var overYi = strconv.FormatInt(zhaoyin.Yi, 10)

type totalsSum struct{ Funds, Invested int64 }

type totals map[totalsKey]totalsSum

// projectTotals sums the monthly progress of the projects ids by the keys of progress_totals,
// as their rows stand now in q.
func (db *DB) projectTotals(ctx context.Context, q querier, ids []int64) (totals, error) {
	out := totals{}
	over := "CASE WHEN p.total_investment_yuan >= " + overYi + " THEN 1 ELSE 0 END"
	err := idChunks(ids, func(in string, args []any) error {
		query := "SELECT p.region_path, pg.month, p.manufacturing, p.capital_source, " + over + ", p.region_code," +
			" CAST(SUM(pg.funds_arrived_yuan) AS BIGINT), CAST(SUM(pg.invested_yuan) AS BIGINT)" +
			" FROM project_progress pg JOIN projects p ON p.id = pg.project_id WHERE pg.project_id IN " + in +
			" GROUP BY p.region_path, pg.month, p.manufacturing, p.capital_source, " + over + ", p.region_code"
		rows, err := q.QueryContext(ctx, db.rebind(query), args...)
		if err != nil {
			return internal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var k totalsKey
			var overYi int
			var s totalsSum
			if err := rows.Scan(&k.RegionPath, &k.Month, &k.Manufacturing, &k.CapitalSource, &overYi, &k.RegionCode, &s.Funds, &s.Invested); err != nil {
				return internal(err)
			}
			k.OverYi = overYi != 0
			t := out[k]
			out[k] = totalsSum{t.Funds + s.Funds, t.Invested + s.Invested}
		}
		return internal(rows.Err())
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// addTotals adds after − before to progress_totals.
func (db *DB) addTotals(ctx context.Context, tx *sql.Tx, before, after totals) error {
	diff := totals{}
	for k, v := range after {
		diff[k] = v
	}
	for k, v := range before {
		d := diff[k]
		diff[k] = totalsSum{d.Funds - v.Funds, d.Invested - v.Invested}
	}
	keys := make([]totalsKey, 0, len(diff))
	for k, d := range diff {
		if d != (totalsSum{}) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	slices.SortFunc(keys, func(a, b totalsKey) int {
		return cmp.Or(cmp.Compare(a.RegionPath, b.RegionPath), cmp.Compare(a.Month, b.Month),
			boolCompare(a.Manufacturing, b.Manufacturing), cmp.Compare(a.CapitalSource, b.CapitalSource),
			boolCompare(a.OverYi, b.OverYi))
	})
	const cols = 8
	per := db.maxParams() / cols
	for start := 0; start < len(keys); start += per {
		chunk := keys[start:min(start+per, len(keys))]
		args := make([]any, 0, len(chunk)*cols)
		for _, k := range chunk {
			d := diff[k]
			args = append(args, k.RegionPath, k.Month, k.Manufacturing, k.CapitalSource, k.OverYi, k.RegionCode, d.Funds, d.Invested)
		}
		q := "INSERT INTO progress_totals (region_path, month, manufacturing, capital_source, over_yi, region_code, funds_arrived_yuan, invested_yuan) VALUES " +
			strings.TrimSuffix(strings.Repeat("(?,?,?,?,?,?,?,?),", len(chunk)), ",") +
			" ON CONFLICT (region_path, month, manufacturing, capital_source, over_yi) DO UPDATE SET" +
			" funds_arrived_yuan = progress_totals.funds_arrived_yuan + excluded.funds_arrived_yuan," +
			" invested_yuan = progress_totals.invested_yuan + excluded.invested_yuan"
		if _, err := tx.ExecContext(ctx, db.rebind(q), args...); err != nil {
			return internal(err)
		}
	}
	return nil
}

func boolCompare(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// rebuildTotals recomputes progress_totals from project_progress, for data written around
// the store (the statistics benchmark's generator) and for checking the kept totals.
func (db *DB) rebuildTotals(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM progress_totals"); err != nil {
		return internal(err)
	}
	_, err := tx.ExecContext(ctx, db.rebind("INSERT INTO progress_totals (region_path, month, manufacturing, capital_source, over_yi, region_code, funds_arrived_yuan, invested_yuan)"+
		" SELECT p.region_path, pg.month, p.manufacturing, p.capital_source, p.total_investment_yuan >= "+overYi+", p.region_code, SUM(pg.funds_arrived_yuan), SUM(pg.invested_yuan)"+
		" FROM project_progress pg JOIN projects p ON p.id = pg.project_id"+
		" GROUP BY p.region_path, pg.month, p.manufacturing, p.capital_source, p.total_investment_yuan >= "+overYi+", p.region_code"))
	if err != nil {
		return internal(err)
	}
	return nil
}

// totalsKeyChanged tells whether an update moves a project's months to other totals.
func totalsKeyChanged(before *zhaoyin.Project, after *zhaoyin.Project, beforePath, afterPath string) bool {
	return beforePath != afterPath || before.Manufacturing != after.Manufacturing ||
		before.CapitalSource != after.CapitalSource ||
		(before.TotalInvestmentYuan >= zhaoyin.Yi) != (after.TotalInvestmentYuan >= zhaoyin.Yi)
}
