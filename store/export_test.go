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

// CheckSearchIndex checks SQLite's search index (project_fts) against the projects: FTS5's
// own integrity check, then every entry's two columns spelled out again from the index's
// trigrams and their positions, and compared with the project's search text and the tokens
// of its region path. A project missing from the index, or an entry left for a project's old
// text or region, is reported.
func (db *DB) CheckSearchIndex(ctx context.Context) error {
	if db.engine != SQLite {
		return nil
	}
	if _, err := db.write.ExecContext(ctx, "INSERT INTO project_fts (project_fts, rank) VALUES ('integrity-check', 1)"); err != nil {
		return err
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	want := map[int64][2]string{}
	var ids []int64
	var paths []string
	rows, err := tx.QueryContext(ctx, "SELECT id, search_text, region_path FROM projects")
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var text, path string
		if err := rows.Scan(&id, &text, &path); err != nil {
			rows.Close()
			return err
		}
		want[id] = [2]string{text, path}
		ids, paths = append(ids, id), append(paths, path)
	}
	rows.Close()
	scopes, err := db.scopeTexts(ctx, tx, paths)
	if err != nil {
		return err
	}
	for id, w := range want {
		want[id] = [2]string{w[0], scopes[w[1]]}
	}
	if _, err := tx.ExecContext(ctx, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_instances USING fts5vocab(main, project_fts, instance)"); err != nil {
		return err
	}
	terms := map[int64]map[string][]string{} // doc → column → trigram at each position
	rows, err = tx.QueryContext(ctx, "SELECT doc, col, offset, term FROM temp.fts_instances")
	if err != nil {
		return err
	}
	for rows.Next() {
		var doc int64
		var col, term string
		var off int
		if err := rows.Scan(&doc, &col, &off, &term); err != nil {
			rows.Close()
			return err
		}
		if terms[doc] == nil {
			terms[doc] = map[string][]string{}
		}
		t := terms[doc][col]
		for len(t) <= off {
			t = append(t, "")
		}
		t[off] = term
		terms[doc][col] = t
	}
	rows.Close()
	spell := func(trigrams []string) string {
		var b strings.Builder
		for i, t := range trigrams {
			r := []rune(t)
			if i < len(trigrams)-1 {
				r = r[:1]
			}
			b.WriteString(string(r))
		}
		return b.String()
	}
	for id, w := range want {
		got := [2]string{spell(terms[id]["search_text"]), spell(terms[id]["scope"])}
		if got != w {
			return fmt.Errorf("project %d is indexed as %q, want %q", id, got, w)
		}
		delete(terms, id)
	}
	for doc := range terms {
		return fmt.Errorf("the index holds project %d, which does not exist", doc)
	}
	return nil
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

// RerunSearchBackfill empties SQLite's search index and fills it again with the statement of
// migration 00013 that indexed the projects written before it.
func (db *DB) RerunSearchBackfill(ctx context.Context) error {
	if db.engine != SQLite {
		return nil
	}
	b, err := fs.ReadFile(migrations.FS, "00013_search_scope.sqlite.sql")
	if err != nil {
		return err
	}
	s := string(b)
	start := strings.Index(s, "-- backfill\n")
	end := strings.Index(s[max(start, 0):], ";")
	if start < 0 || end < 0 {
		return fmt.Errorf("no backfill statement in migration 00013")
	}
	if _, err := db.write.ExecContext(ctx, "DELETE FROM project_fts"); err != nil {
		return err
	}
	_, err = db.write.ExecContext(ctx, s[start+len("-- backfill\n"):start+end])
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
