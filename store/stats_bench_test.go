package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"zhaoyin"
)

// The statistics benchmarks run at 100,000 projects and 1,200,000 monthly progress rows in a
// province-wide deployment (Shandong): 40% of the projects in Weifang's sixteen units (the
// heavy "city": 40,000 projects, 131,541 progress rows in 2022–2023), the rest spread over the
// other fifteen cities (Jinan, the "typical city", holds 5,693; a county about 2,500); signing
// dates over 2019–2024. They time each service call and, interleaved with it, the bare SQL it
// stands on (the same statements, run directly and scanned into raw bytes), and report the p50
// of both (p50-ms, sql-p50-ms) and their ratio (x-sql).
//
//	go test -run '^$' -bench 'Stats' -benchtime 1x ./store/                  # SQLite
//	ZHAOYIN_TEST_PG=postgres://… go test -run '^$' -bench 'Stats' -benchtime 1x ./store/
//
// The database is generated once (about half a minute) and kept: SQLite in os.TempDir(),
// PostgreSQL as the database zhaoyin_statsbench_<version> on the test server. Change
// statsBenchVersion when the generator or the statistics migration changes.

const (
	statsBenchVersion  = "v3"
	statsBenchProjects = 100_000
	statsBenchProgress = 1_200_000
	statsBenchReps     = 40 // timed calls per case, whatever b.N (make bench runs -benchtime 1x)
)

// StatsBenchDB opens the cached benchmark database, generating it the first time. Exported
// for the benchmarks of package store_test (the bulletin).
func StatsBenchDB(tb testing.TB) *DB {
	tb.Helper()
	ctx := context.Background()
	if admin := os.Getenv("ZHAOYIN_TEST_PG"); admin != "" {
		return statsBenchPG(tb, ctx, admin)
	}
	path := filepath.Join(os.TempDir(), "zhaoyin-statsbench-"+statsBenchVersion+".db")
	if db, err := Open(ctx, path); err == nil {
		if statsBenchComplete(ctx, db) {
			tb.Cleanup(func() { db.Close() })
			return db
		}
		db.Close()
	}
	// Generate into a scratch file and move it into place once complete.
	tmp := path + ".tmp"
	for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm", path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
	db, err := Open(ctx, tmp)
	if err != nil {
		tb.Fatal(err)
	}
	start := time.Now()
	if err := generateStatsBench(ctx, db); err != nil {
		db.Close()
		tb.Fatal(err)
	}
	db.analyze(ctx) // as after a large import
	if _, err := db.write.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		tb.Fatal(err)
	}
	db.Close()
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	os.Remove(tmp + "-wal")
	os.Remove(tmp + "-shm")
	tb.Logf("generated %s in %s", path, time.Since(start).Round(time.Second))
	if db, err = Open(ctx, path); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func statsBenchPG(tb testing.TB, ctx context.Context, admin string) *DB {
	name := "zhaoyin_statsbench_" + statsBenchVersion
	adb, err := sql.Open("pgx", admin)
	if err != nil {
		tb.Fatal(err)
	}
	defer adb.Close()
	u, err := url.Parse(admin)
	if err != nil {
		tb.Fatal(err)
	}
	u.Path = "/" + name
	var exists bool
	if err := adb.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		tb.Fatal(err)
	}
	if exists {
		if db, err := Open(ctx, u.String()); err == nil {
			if statsBenchComplete(ctx, db) {
				tb.Cleanup(func() { db.Close() })
				return db
			}
			db.Close()
		}
		if _, err := adb.ExecContext(ctx, "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
			tb.Fatal(err)
		}
	}
	if _, err := adb.ExecContext(ctx, "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'"); err != nil {
		tb.Fatal(err)
	}
	db, err := Open(ctx, u.String())
	if err != nil {
		tb.Fatal(err)
	}
	start := time.Now()
	if err := generateStatsBench(ctx, db); err != nil {
		db.Close()
		tb.Fatal(err)
	}
	// autovacuum would analyze the new tables soon after such a load; do it now.
	if _, err := db.write.ExecContext(ctx, "ANALYZE"); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("generated PostgreSQL database %s in %s", name, time.Since(start).Round(time.Second))
	tb.Cleanup(func() { db.Close() })
	return db
}

// statsBenchComplete reports whether a generated database is whole (a run may have been
// interrupted).
func statsBenchComplete(ctx context.Context, db *DB) bool {
	var p, g int
	if err := db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM projects").Scan(&p); err != nil {
		return false
	}
	if err := db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM project_progress").Scan(&g); err != nil {
		return false
	}
	return p == statsBenchProjects && g == statsBenchProgress
}

var (
	benchChains   = []string{"高端装备", "动力装备", "新能源汽车", "高端化工", "新材料", "生物医药", "食品加工", "磁悬浮", "新一代信息技术", "声学", ""}
	benchProducts = []string{"氢燃料电池发动机", "磁悬浮鼓风机", "智能穿戴", "可降解塑料", "高端轴承", "新能源汽车零部件", "生物医药中间体", "光电显示模组", "精密铸造", "锂电池材料"}
)

// generateStatsBench writes the benchmark data with multi-row INSERTs (ids given, so that the
// progress rows need no lookup).
func generateStatsBench(ctx context.Context, db *DB) error {
	// Weifang's zones, then every county-level unit of Shandong.
	for i, z := range []string{"高新区", "滨海区", "保税区", "峡山区"} {
		code := fmt.Sprintf("37077%d", i+1)
		if _, err := db.write.ExecContext(ctx, db.rebind("INSERT INTO regions (code, name, parent_code, kind, path) VALUES (?, ?, '370700', 'zone', ?)"), code, z, "/370000/370700/"+code+"/"); err != nil {
			return err
		}
	}
	type unit struct{ code, path string }
	var weifang, others []unit
	rows, err := db.read.QueryContext(ctx, "SELECT r.code, r.path FROM regions r JOIN regions c ON c.code = r.parent_code WHERE c.parent_code = '370000' ORDER BY r.code")
	if err != nil {
		return err
	}
	for rows.Next() {
		var u unit
		if err := rows.Scan(&u.code, &u.path); err != nil {
			rows.Close()
			return err
		}
		if strings.HasPrefix(u.path, "/370000/370700/") {
			weifang = append(weifang, u)
		} else {
			others = append(others, u)
		}
	}
	rows.Close()
	if len(weifang) != 16 || len(others) < 100 {
		return fmt.Errorf("unexpected region tree: %d Weifang units, %d others", len(weifang), len(others))
	}

	day0 := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	day := func(n int) string { return day0.AddDate(0, 0, n).Format("2006-01-02") }
	cols := append(append([]string{"id"}, projectCols...), "region_path", "search_text", "created_at", "updated_at")
	var projects, labels, progress [][]any
	signedSeen := 0
	for i := 1; i <= statsBenchProjects; i++ {
		r := rand.New(rand.NewPCG(uint64(i), 2024))
		u := others[r.IntN(len(others))]
		if i%5 < 2 {
			u = weifang[r.IntN(len(weifang))]
		}
		p := &zhaoyin.Project{
			Code:                fmt.Sprintf("SB%06d", i),
			Name:                benchProducts[r.IntN(len(benchProducts))] + fmt.Sprintf("项目%06d", i),
			RegionCode:          u.code,
			Type:                zhaoyin.TypeLabels[[]int{0, 0, 0, 0, 0, 1, 2, 3}[r.IntN(8)]].Value,
			Chain:               benchChains[r.IntN(len(benchChains))],
			Manufacturing:       r.IntN(10) < 7,
			CapitalSource:       zhaoyin.CapitalLabels[r.IntN(4)].Value,
			TotalInvestmentYuan: int64(1000+r.IntN(300_000)) * zhaoyin.Wan,
		}
		p.AnnualPlanYuan = p.TotalInvestmentYuan / 4
		signed := r.IntN(6 * 365)
		if i%10 == 0 {
			p.Stage = zhaoyin.StageNegotiating
			p.NegotiatingOn = day(signed)
		} else {
			p.Stage = zhaoyin.StageSigned
			p.NegotiatingOn, p.SignedOn = day(signed-10-r.IntN(190)), day(signed)
			if r.IntN(2) == 0 {
				p.SignedAmountYuan = p.TotalInvestmentYuan
			}
			roll := r.IntN(100)
			d := signed
			step := func(s zhaoyin.Stage, min, spread int) {
				d += min + r.IntN(spread)
				p.Stage = s
				p.SetStageDate(s, day(d))
			}
			if roll >= 20 {
				step(zhaoyin.StageApproved, 5, 85)
			}
			if roll >= 35 {
				step(zhaoyin.StageStarted, 10, 190)
			}
			if roll >= 70 {
				step(zhaoyin.StageProducing, 60, 440)
			}
			if roll >= 90 {
				step(zhaoyin.StageAchieved, 100, 300)
			}
			if roll >= 95 {
				p.Stage, p.DroppedOn, p.DropReason = zhaoyin.StageDropped, day(d+30), "投资方战略调整"
			}
			// 13 or 14 months of progress from the start (or the signing) month.
			first := p.StartedOn
			if first == "" {
				first = p.SignedOn
			}
			months := 13
			if signedSeen < 30_000 {
				months = 14
			}
			signedSeen++
			t, _ := time.Parse("2006-01-02", first)
			for m := range months {
				month := time.Date(t.Year(), t.Month()+time.Month(m), 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
				progress = append(progress, []any{i, month, int64(r.IntN(2000)) * zhaoyin.Wan, int64(r.IntN(3000)) * zhaoyin.Wan, "", "", "2025-01-01T00:00:00.000Z"})
			}
		}
		switch {
		case i%20 == 0:
			labels = append(labels, []any{i, "batch", "2024年春季全市重大项目集中开工"})
			if i%40 == 0 {
				labels = append(labels, []any{i, "tag", "纳入省集中开工"})
			}
		case i%5 == 1:
			labels = append(labels, []any{i, "tag", "市重点项目"})
		}
		projects = append(projects, append(append([]any{i}, projectValues(p)...), u.path, searchText(p), "2025-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z"))
	}
	if len(progress) != statsBenchProgress {
		return fmt.Errorf("generated %d progress rows", len(progress))
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.insertMany(ctx, tx, "projects ("+strings.Join(cols, ", ")+")", projects); err != nil {
			return err
		}
		if err := db.insertMany(ctx, tx, "project_labels (project_id, kind, name)", labels); err != nil {
			return err
		}
		if err := db.insertMany(ctx, tx, "project_progress (project_id, month, funds_arrived_yuan, invested_yuan, progress_text, problems, updated_at)", progress); err != nil {
			return err
		}
		if err := db.rebuildTotals(ctx, tx); err != nil {
			return err
		}
		if db.engine == Postgres {
			// Explicit ids leave the identity sequence behind.
			_, err := tx.ExecContext(ctx, "SELECT setval(pg_get_serial_sequence('projects', 'id'), (SELECT MAX(id) FROM projects))")
			return err
		}
		return nil
	})
}

// bare runs statements as they are and scans every column into raw bytes: the floor under a
// service call.
func (db *DB) bare(ctx context.Context, stmts ...stmt) error {
	for _, st := range stmts {
		rows, err := db.read.QueryContext(ctx, st.query, st.args...)
		if err != nil {
			return err
		}
		cols, _ := rows.Columns()
		dest := make([]any, len(cols))
		for i := range dest {
			dest[i] = new(sql.RawBytes)
		}
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// timing collects durations and reports their median.
type timing []time.Duration

func (t timing) p50() time.Duration {
	s := slices.Clone(t)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// pair times a service call against its bare SQL, interleaved, and reports both medians.
func pair(b *testing.B, svc func() error, raw func() error) {
	b.Helper()
	if err := svc(); err != nil { // warm the caches and check once
		b.Fatal(err)
	}
	if err := raw(); err != nil {
		b.Fatal(err)
	}
	var ts, tr timing
	b.ResetTimer()
	for range max(b.N, statsBenchReps) {
		t0 := time.Now()
		if err := svc(); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if err := raw(); err != nil {
			b.Fatal(err)
		}
		ts, tr = append(ts, t1.Sub(t0)), append(tr, time.Since(t1))
	}
	b.StopTimer()
	b.ReportMetric(ms(ts.p50()), "p50-ms")
	b.ReportMetric(ms(tr.p50()), "sql-p50-ms")
	b.ReportMetric(float64(ts.p50())/float64(tr.p50()), "x-sql")
}

func BenchmarkStatsSummary(b *testing.B) {
	db := StatsBenchDB(b)
	s := NewStatsService(db)
	ctx := context.Background()
	for _, c := range []struct {
		name string
		ctx  context.Context
		f    zhaoyin.SummaryFilter
	}{
		{"city-year", ctx, zhaoyin.SummaryFilter{Region: "370700", From: "2023-01-01", To: "2023-12-31"}},
		{"typical-city-year", ctx, zhaoyin.SummaryFilter{Region: "370100", From: "2023-01-01", To: "2023-12-31"}},
		{"city-year-1yi", ctx, zhaoyin.SummaryFilter{Region: "370700", From: "2023-01-01", To: "2023-12-31", MinInvestment: zhaoyin.Yi}},
		{"city-quarter", ctx, zhaoyin.SummaryFilter{Region: "370700", From: "2024-01-01", To: "2024-03-31"}},
		{"county-year", ctx, zhaoyin.SummaryFilter{Region: "370783", From: "2023-01-01", To: "2023-12-31"}},
		{"district-user-year", zhaoyin.NewContextWithUser(ctx, &zhaoyin.User{Role: zhaoyin.RoleDistrict, RegionCode: "370771"}), zhaoyin.SummaryFilter{From: "2023-01-01", To: "2023-12-31"}},
		{"province-year", ctx, zhaoyin.SummaryFilter{From: "2023-01-01", To: "2023-12-31"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			pair(b, func() error {
				_, err := s.Summary(c.ctx, c.f)
				return err
			}, func() error {
				st, err := s.summaryStmts(c.ctx, c.f)
				if err != nil {
					return err
				}
				return db.bare(c.ctx, st[0], st[1])
			})
		})
	}
}

func BenchmarkStatsGroupProjects(b *testing.B) {
	db := StatsBenchDB(b)
	s := NewStatsService(db)
	ctx := context.Background()
	for _, f := range []zhaoyin.GroupFilter{
		{GroupBy: "region", Region: "370700"},
		{GroupBy: "type", Region: "370700"},
		{GroupBy: "chain", Region: "370700"},
		{GroupBy: "stage", Region: "370700"},
		{GroupBy: "capital_source", Region: "370700"},
		{GroupBy: "region", Region: "370700", Batch: "2024年春季全市重大项目集中开工"},
		{GroupBy: "type", Region: "370700", Batch: "2024年春季全市重大项目集中开工", Tag: "纳入省集中开工"},
		{GroupBy: "type", Region: "370100"},
		{GroupBy: "region", Region: "370000"},
	} {
		name := f.GroupBy + "/" + f.Region
		if f.Batch != "" {
			name += "/batch"
		}
		if f.Tag != "" {
			name += "+tag"
		}
		b.Run(name, func(b *testing.B) {
			pair(b, func() error {
				_, err := s.GroupProjects(ctx, f)
				return err
			}, func() error {
				plan, err := s.planGroup(ctx, f)
				if err != nil {
					return err
				}
				return db.bare(ctx, plan.stmt)
			})
		})
	}
}

// BenchmarkStatsOthers times the cockpit's other calls (no bare-SQL pair: each runs several
// statements and works in Go).
func BenchmarkStatsOthers(b *testing.B) {
	db := StatsBenchDB(b)
	s := NewStatsService(db)
	ctx := context.Background()
	for _, c := range []struct {
		name string
		fn   func() error
	}{
		{"monthly/city", func() error { _, err := s.Monthly(ctx, "370700", 2023); return err }},
		{"ranking/city-year", func() error { _, err := s.Ranking(ctx, "370700", "2023-01-01", "2023-12-31"); return err }},
		{"cycle-times/city-year/region", func() error {
			_, err := s.CycleTimes(ctx, "370700", "2023-01-01", "2023-12-31", "region")
			return err
		}},
		{"warnings/city", func() error { _, err := s.Warnings(ctx, "370700", "2024-06-30", 6); return err }},
		{"top-signed/city-year", func() error { _, err := s.TopSigned(ctx, "370700", "2023-01-01", "2023-12-31", 10); return err }},
	} {
		b.Run(c.name, func(b *testing.B) {
			if err := c.fn(); err != nil {
				b.Fatal(err)
			}
			var t timing
			b.ResetTimer()
			for range max(b.N, statsBenchReps/2) {
				t0 := time.Now()
				if err := c.fn(); err != nil {
					b.Fatal(err)
				}
				t = append(t, time.Since(t0))
			}
			b.ReportMetric(ms(t.p50()), "p50-ms")
		})
	}
}
