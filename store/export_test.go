package store

import (
	"context"
	"fmt"
	"io/fs"
	"strings"

	"zhaoyin/store/migrations"
)

// CheckTotals compares the kept monthly totals (progress_totals) with the same totals summed
// afresh from project_progress, and describes the first difference.
func (db *DB) CheckTotals(ctx context.Context) error {
	var ids []int64
	rows, err := db.read.QueryContext(ctx, "SELECT id FROM projects")
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	want, err := db.projectTotals(ctx, db.read, ids)
	if err != nil {
		return err
	}
	got := totals{}
	rows, err = db.read.QueryContext(ctx, "SELECT region_path, month, manufacturing, capital_source, over_yi, region_code, funds_arrived_yuan, invested_yuan FROM progress_totals")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k totalsKey
		var s totalsSum
		if err := rows.Scan(&k.RegionPath, &k.Month, &k.Manufacturing, &k.CapitalSource, &k.OverYi, &k.RegionCode, &s.Funds, &s.Invested); err != nil {
			return err
		}
		if s != (totalsSum{}) {
			got[k] = s
		}
	}
	for k, v := range want {
		if v == (totalsSum{}) {
			delete(want, k)
		}
	}
	for k, v := range want {
		if got[k] != v {
			return fmt.Errorf("totals %+v: kept %+v, summed afresh %+v", k, got[k], v)
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok {
			return fmt.Errorf("totals %+v: kept %+v, nothing summed afresh", k, v)
		}
	}
	if len(want) == 0 {
		return fmt.Errorf("no monthly progress to compare")
	}
	return nil
}

// CheckSearchIndex asks SQLite's FTS5 whether the search index (project_fts) holds exactly
// the search text of every project; PostgreSQL's trigram index is an ordinary index.
func (db *DB) CheckSearchIndex(ctx context.Context) error {
	if db.engine != SQLite {
		return nil
	}
	_, err := db.write.ExecContext(ctx, "INSERT INTO project_fts (project_fts, rank) VALUES ('integrity-check', 1)")
	return err
}

// ClearDetails empties projects.details, so that loadDetails reads every project's tags,
// batches and investors from their tables (as for rows written before migration 00011).
func (db *DB) ClearDetails(ctx context.Context) error {
	_, err := db.write.ExecContext(ctx, "UPDATE projects SET details = ''")
	return err
}

// RerunDetailsBackfill runs again the statement of migration 00011 that fills
// projects.details for rows written before it.
func (db *DB) RerunDetailsBackfill(ctx context.Context) error {
	b, err := fs.ReadFile(migrations.FS, "00011_project_details."+db.engine+".sql")
	if err != nil {
		return err
	}
	s := string(b)
	start := strings.Index(s, "-- backfill\n")
	end := strings.Index(s, "-- +goose Down")
	if start < 0 || end < start {
		return fmt.Errorf("no backfill statement in migration 00011")
	}
	_, err = db.write.ExecContext(ctx, strings.TrimSpace(s[start+len("-- backfill\n"):end]))
	return err
}

// ProjectsWithoutDetails counts the projects whose details are empty.
func (db *DB) ProjectsWithoutDetails(ctx context.Context) int {
	var n int
	if err := db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM projects WHERE details = ''").Scan(&n); err != nil {
		return -1
	}
	return n
}

// SetMaxPrefixTerms changes maxPrefixTerms until the returned function is called.
func SetMaxPrefixTerms(n int) (restore func()) {
	old := maxPrefixTerms
	maxPrefixTerms = n
	return func() { maxPrefixTerms = old }
}
