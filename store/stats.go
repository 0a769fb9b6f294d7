package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	sq "github.com/Masterminds/squirrel"

	"zhaoyin"
)

// StatsService implements zhaoyin.StatsService, and the figures behind the cockpit, the
// warnings, the district ranking and the bulletin. Every figure follows DOMAIN.md's
// statistical definitions, and every query is scoped by db.scopeWhere: scope lives in SQL.
//
// Statistical choices made here (DOMAIN.md leaves them open):
//   - A figure "in the period" counts a project by the date it reached the stage, whatever its
//     stage today. A project signed in the period and dropped later still counts as signed in
//     that period (its signed_on stays): the bulletin of a closed year must not change when a
//     project is abandoned the year after. The same holds for approved, started and producing.
//   - Funds arrived and investment completed are monthly figures: a period covers the months
//     from[:7] … to[:7] of project_progress; the previous year is the same dates one year
//     earlier (29 February becomes 28 February).
//   - MinInvestment (过亿元项目 = 1亿) restricts every figure, funds included, to projects whose
//     total investment is at least N; exactly N counts.
type StatsService struct{ db *DB }

var _ zhaoyin.StatsService = (*StatsService)(nil)

// NewStatsService returns the statistics service over db.
func NewStatsService(db *DB) *StatsService { return &StatsService{db: db} }

// signedAmountExpr is DOMAIN.md's signed amount: the signed amount, else the total investment.
const signedAmountExpr = "(CASE WHEN p.signed_amount_yuan > 0 THEN p.signed_amount_yuan ELSE p.total_investment_yuan END)"

// sumWhen and countWhen write the conditional aggregates of the one-pass queries. SUM of a
// BIGINT is NUMERIC in PostgreSQL, hence the cast.
func sumWhen(cond, val string) string {
	return "CAST(COALESCE(SUM(CASE WHEN " + cond + " THEN " + val + " END), 0) AS BIGINT)"
}

func countWhen(cond string) string { return "COUNT(CASE WHEN " + cond + " THEN 1 END)" }

// stmt is one SQL statement with ?-placeholders already rebound for the engine.
type stmt struct {
	query string
	args  []any
}

// sqlOf writes a squirrel condition as SQL with ?-placeholders (rebound later, with the rest
// of the statement).
func sqlOf(c sq.Sqlizer) (string, []any, error) {
	q, args, err := c.ToSql()
	if err != nil {
		return "", nil, internal(err)
	}
	return q, args, nil
}

// ---------------------------------------------------------------------------------------------
// Periods

// period is a statistics period and the same dates one year earlier.
type period struct {
	From, To                   string // YYYY-MM-DD, inclusive
	FromMonth, ToMonth         string // YYYY-MM
	PrevFrom, PrevTo           string
	PrevFromMonth, PrevToMonth string
}

func parsePeriod(from, to string) (period, error) {
	f, err := zhaoyin.ParseDate(from)
	if from == "" {
		return period{}, zhaoyin.FieldError("from", "请指定统计起始日期（from），格式如 2024-01-01")
	} else if err != nil {
		return period{}, zhaoyin.FieldError("from", "统计起始日期：%v", err)
	}
	t, err := zhaoyin.ParseDate(to)
	if to == "" {
		return period{}, zhaoyin.FieldError("to", "请指定统计截止日期（to），格式如 2024-12-31")
	} else if err != nil {
		return period{}, zhaoyin.FieldError("to", "统计截止日期：%v", err)
	}
	if to < from {
		return period{}, zhaoyin.FieldError("to", "统计截止日期 %s 早于起始日期 %s", to, from)
	}
	pf, pt := yearEarlier(f).Format("2006-01-02"), yearEarlier(t).Format("2006-01-02")
	return period{
		From: from, To: to, FromMonth: from[:7], ToMonth: to[:7],
		PrevFrom: pf, PrevTo: pt, PrevFromMonth: pf[:7], PrevToMonth: pt[:7],
	}, nil
}

// yearEarlier is the same date one year earlier; 29 February becomes 28 February (AddDate
// alone would give 1 March, a month too late for the monthly figures).
func yearEarlier(t time.Time) time.Time {
	y := t.AddDate(-1, 0, 0)
	if y.Day() != t.Day() {
		y = y.AddDate(0, 0, -y.Day())
	}
	return y
}

// monthsEarlier is the same date n months earlier, clamped to the end of a shorter month.
func monthsEarlier(t time.Time, n int) time.Time {
	first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -n, 0)
	last := first.AddDate(0, 1, -1)
	if t.Day() > last.Day() {
		return last
	}
	return first.AddDate(0, 0, t.Day()-1)
}

// ---------------------------------------------------------------------------------------------
// Summary

// figures are the period figures of one region (or of the whole filter).
type figures struct {
	SignedCount, SignedAmount, SignedMfgCount, SignedMfgAmount, SignedOverYiCount int64
	ApprovedCount, StartedCount, StartedMfgCount, ProducingCount                  int64
	Arrived, PrevArrived, MfgArrived, OutArrived, Invested                        int64
}

// projectPass is the one pass over projects behind a summary: every dated figure as a
// conditional aggregate. With byPath it is grouped by region path (for rankings).
func (s *StatsService) projectPass(where sq.Sqlizer, per period, byPath bool) (stmt, error) {
	w, wargs, err := sqlOf(where)
	if err != nil {
		return stmt{}, err
	}
	in := func(col string) string { return "p." + col + " BETWEEN ? AND ?" }
	signed, approved, started, producing := in("signed_on"), in("approved_on"), in("started_on"), in("producing_on")
	cols := []string{
		countWhen(signed),
		sumWhen(signed, signedAmountExpr),
		countWhen(signed + " AND p.manufacturing"),
		sumWhen(signed+" AND p.manufacturing", signedAmountExpr),
		countWhen(signed + " AND p.total_investment_yuan >= ?"),
		countWhen(approved),
		countWhen(started),
		countWhen(started + " AND p.manufacturing"),
		countWhen(producing),
	}
	d := []any{per.From, per.To}
	var args []any
	for i := range cols {
		args = append(args, d...)
		if i == 4 {
			args = append(args, zhaoyin.Yi)
		}
	}
	sel, group := strings.Join(cols, ",\n  "), ""
	if byPath {
		sel, group = "p.region_path,\n  "+sel, " GROUP BY p.region_path"
	}
	q := "SELECT " + sel + "\nFROM projects p\nWHERE " + w +
		"\n  AND (" + signed + " OR " + approved + " OR " + started + " OR " + producing + ")" + group
	args = append(append(args, wargs...), d[0], d[1], d[0], d[1], d[0], d[1], d[0], d[1])
	return stmt{s.db.rebind(q), args}, nil
}

// progressPass is the one pass over monthly figures behind a summary: funds and investment of
// the period and funds of the same months a year earlier, for the projects of scope whose
// total investment is at least minInvestment. With no floor or the 1亿元 floor it reads the
// monthly totals (progress_totals, kept by store/totals.go): a few rows per region and month.
// Any other floor joins the projects to their monthly progress. The month range
// prev-from … to bounds the rows read; the CASEs pick each figure's months.
func (s *StatsService) progressPass(scope sq.Sqlizer, minInvestment int64, per period) (stmt, error) {
	where := sq.And{scope}
	totals := minInvestment == 0 || minInvestment == zhaoyin.Yi
	switch {
	case minInvestment == zhaoyin.Yi:
		where = append(where, sq.Expr("p.over_yi"))
	case !totals:
		where = append(where, sq.Expr("p.total_investment_yuan >= ?", minInvestment))
	}
	w, wargs, err := sqlOf(where)
	if err != nil {
		return stmt{}, err
	}
	m, a := "p.", "p." // the month's figures, the project's attributes
	if !totals {
		m, a = "pg.", "q."
	}
	cur, prev := m+"month BETWEEN ? AND ?", m+"month BETWEEN ? AND ?"
	cols := []string{
		sumWhen(cur, m+"funds_arrived_yuan"),
		sumWhen(prev, m+"funds_arrived_yuan"),
		sumWhen(cur+" AND "+a+"manufacturing", m+"funds_arrived_yuan"),
		sumWhen(cur+" AND "+a+"capital_source = ?", m+"funds_arrived_yuan"),
		sumWhen(cur, m+"invested_yuan"),
	}
	args := []any{
		per.FromMonth, per.ToMonth,
		per.PrevFromMonth, per.PrevToMonth,
		per.FromMonth, per.ToMonth,
		per.FromMonth, per.ToMonth, zhaoyin.CapitalOutOfProvince,
		per.FromMonth, per.ToMonth,
	}
	q := "SELECT " + strings.Join(cols, ",\n  ")
	if totals {
		q += "\nFROM progress_totals p\nWHERE p.month >= ? AND p.month <= ? AND " + w
		args = append(append(args, per.PrevFromMonth, per.ToMonth), wargs...)
	} else {
		// The scope's projects drive the join, as in Monthly's fallback.
		q += "\nFROM (SELECT p.id, p.manufacturing, p.capital_source FROM projects p WHERE " + w + s.db.scopeDriverOrder() + ") q CROSS JOIN project_progress pg" +
			"\nWHERE pg.project_id = q.id AND pg.month >= ? AND pg.month <= ?"
		args = append(append(args, wargs...), per.PrevFromMonth, per.ToMonth)
	}
	return stmt{s.db.rebind(q), args}, nil
}

// scopeDriverOrder orders the subquery of the scope's projects that drives a join to their
// monthly progress. On SQLite the projects drive the join (CROSS JOIN keeps that loop order)
// and each one's months are a range of project_progress_stats; in id order those seeks walk
// the index forwards, which makes a city-year about 40% faster with SQLite's default page
// cache. (Driven by the months instead, a year and the year before of the whole deployment
// would be read and looked up one by one: ten times slower for a city.) PostgreSQL plans the
// join itself, and a sort only gets in its way (it then reads the projects by primary key).
// A dialect difference: it belongs in dialect.go, kept here while that file is not ours.
func (db *DB) scopeDriverOrder() string {
	if db.engine == SQLite {
		return " ORDER BY p.id"
	}
	return ""
}

// statsScope is scopeWhere, the one source of scope, plus the same regions written again as
// region-path ranges. scopeWhere matches a region with nothing below it by region_code (whose
// index serves the project list); the aggregates read the covering index projects_stats, led
// by region_path, and the redundant ranges let the planner take it instead of looking up every
// project's row.
func (s *StatsService) statsScope(ctx context.Context, region string) (sq.And, error) {
	scope, err := s.db.scopeWhere(ctx, region)
	if err != nil {
		return nil, err
	}
	and := sq.And{scope}
	pathRange := func(path string) sq.Sqlizer {
		return sq.Expr("p.region_path >= ? AND p.region_path < ?", path, pathUpper(path))
	}
	sp, err := s.db.scopePath(ctx)
	if err != nil {
		return nil, err
	}
	if sp != "" {
		and = append(and, pathRange(sp))
	}
	if region != "" {
		r, err := s.db.region(ctx, s.db.rd, region)
		if err != nil {
			return nil, zhaoyin.FieldError("region", "区域代码 %s 不存在", region)
		}
		and = append(and, pathRange(r.Path))
	}
	return and, nil
}

// statsScopeSQL is statsScope written as SQL with ?-placeholders and its arguments.
func (s *StatsService) statsScopeSQL(ctx context.Context, region string) (string, []any, error) {
	scope, err := s.statsScope(ctx, region)
	if err != nil {
		return "", nil, err
	}
	return sqlOf(scope)
}

// summaryStmts returns the two statements of a summary.
func (s *StatsService) summaryStmts(ctx context.Context, f zhaoyin.SummaryFilter) ([2]stmt, error) {
	var out [2]stmt
	per, err := parsePeriod(f.From, f.To)
	if err != nil {
		return out, err
	}
	if f.MinInvestment < 0 {
		return out, zhaoyin.FieldError("min_investment_yuan", "最低总投资不能为负数")
	}
	scope, err := s.statsScope(ctx, f.Region)
	if err != nil {
		return out, err
	}
	where := sq.And{scope}
	if f.MinInvestment > 0 {
		where = append(where, sq.Expr("p.total_investment_yuan >= ?", f.MinInvestment))
	}
	if out[0], err = s.projectPass(where, per, false); err != nil {
		return out, err
	}
	out[1], err = s.progressPass(scope, f.MinInvestment, per)
	return out, err
}

// Summary computes DOMAIN.md's figures for a period and region, within the caller's scope.
func (s *StatsService) Summary(ctx context.Context, f zhaoyin.SummaryFilter) (*zhaoyin.Summary, error) {
	st, err := s.summaryStmts(ctx, f)
	if err != nil {
		return nil, err
	}
	var fg figures
	if err := s.db.rd.QueryRowContext(ctx, st[0].query, st[0].args...).Scan(fg.projectDest()...); err != nil {
		return nil, internal(err)
	}
	if err := s.db.rd.QueryRowContext(ctx, st[1].query, st[1].args...).Scan(fg.progressDest()...); err != nil {
		return nil, internal(err)
	}
	return fg.summary(), nil
}

// ProjectFigures is Summary without the pass over monthly progress: the dated figures (new
// signed, approved, started, producing) only, funds and investment left at zero. The bulletin
// reads its 过亿元 sentence from it.
func (s *StatsService) ProjectFigures(ctx context.Context, f zhaoyin.SummaryFilter) (*zhaoyin.Summary, error) {
	st, err := s.summaryStmts(ctx, f)
	if err != nil {
		return nil, err
	}
	var fg figures
	if err := s.db.rd.QueryRowContext(ctx, st[0].query, st[0].args...).Scan(fg.projectDest()...); err != nil {
		return nil, internal(err)
	}
	return fg.summary(), nil
}

func (fg *figures) projectDest() []any {
	return []any{&fg.SignedCount, &fg.SignedAmount, &fg.SignedMfgCount, &fg.SignedMfgAmount, &fg.SignedOverYiCount,
		&fg.ApprovedCount, &fg.StartedCount, &fg.StartedMfgCount, &fg.ProducingCount}
}

func (fg *figures) progressDest() []any {
	return []any{&fg.Arrived, &fg.PrevArrived, &fg.MfgArrived, &fg.OutArrived, &fg.Invested}
}

func (fg *figures) summary() *zhaoyin.Summary {
	out := &zhaoyin.Summary{}
	out.Signed.Count, out.Signed.AmountYuan = fg.SignedCount, fg.SignedAmount
	out.Signed.ManufacturingCount, out.Signed.ManufacturingAmountYuan = fg.SignedMfgCount, fg.SignedMfgAmount
	out.Approved.Count = fg.ApprovedCount
	out.Started.Count, out.Started.ManufacturingCount = fg.StartedCount, fg.StartedMfgCount
	out.Producing.Count = fg.ProducingCount
	out.Funds.ArrivedYuan, out.Funds.PrevYearArrivedYuan = fg.Arrived, fg.PrevArrived
	if g, ok := zhaoyin.GrowthTenths(fg.Arrived, fg.PrevArrived); ok {
		pct := float64(g) / 10
		out.Funds.YoYPct = &pct
	}
	out.Funds.ManufacturingArrivedYuan, out.Funds.OutOfProvinceArrivedYuan = fg.MfgArrived, fg.OutArrived
	out.FixedAssetInvestedYuan = fg.Invested
	return out
}

// ---------------------------------------------------------------------------------------------
// Regions

// StatsRegion returns the region a statistic or a bulletin is about: region when given, which
// must lie within the caller's scope (403 otherwise), else the caller's scope region. Callers
// without a scope (city, admin) must name one.
func (s *StatsService) StatsRegion(ctx context.Context, region string) (*zhaoyin.Region, error) {
	r, err := s.statsRegion(ctx, region)
	if err != nil {
		return nil, err
	}
	return &r.Region, nil
}

func (s *StatsService) statsRegion(ctx context.Context, region string) (*regionRow, error) {
	scopeCode := zhaoyin.UserFromContext(ctx).ScopeRegion()
	if region == "" {
		region = scopeCode
	}
	if region == "" {
		return nil, zhaoyin.FieldError("region", "请指定区域（region），例如 370700")
	}
	r, err := s.db.region(ctx, s.db.rd, region)
	if err != nil {
		return nil, zhaoyin.FieldError("region", "区域代码 %s 不存在", region)
	}
	if ok, err := s.db.inScope(ctx, r.Path); err != nil {
		return nil, err
	} else if !ok {
		return nil, zhaoyin.Errorf(zhaoyin.EFORBIDDEN, "您只能查看本辖区（%s）及其下级区域的统计", scopeCode)
	}
	return r, nil
}

// parentRegion is the region whose children a breakdown by region lists: region when given,
// else the caller's scope region; unscoped callers must name one. A region outside the scope
// is not refused here: the scope in SQL keeps its figures out, and children() lists only the
// children that overlap the scope.
func (s *StatsService) parentRegion(ctx context.Context, region string) (*regionRow, error) {
	if region == "" {
		region = zhaoyin.UserFromContext(ctx).ScopeRegion()
	}
	if region == "" {
		return nil, zhaoyin.FieldError("region", "按区域分组时请指定上级区域（region），例如 370700")
	}
	r, err := s.db.region(ctx, s.db.rd, region)
	if err != nil {
		return nil, zhaoyin.FieldError("region", "区域代码 %s 不存在", region)
	}
	return r, nil
}

// children lists the regions directly below parent, counties before zones (as FindRegions),
// keeping those that overlap the caller's scope: a district user asking for its city sees its
// own district's row only.
func (s *StatsService) children(ctx context.Context, parent *regionRow) ([]*regionRow, error) {
	scope, err := s.db.scopePath(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.rd.QueryContext(ctx, s.db.rebind("SELECT "+regionCols+" FROM regions WHERE parent_code = ? ORDER BY kind = 'zone', code"), parent.Code)
	if err != nil {
		return nil, internal(err)
	}
	defer rows.Close()
	var out []*regionRow
	for rows.Next() {
		r, err := scanRegion(rows)
		if err != nil {
			return nil, internal(err)
		}
		if strings.HasPrefix(r.Path, scope) || strings.HasPrefix(scope, r.Path) {
			out = append(out, r)
		}
	}
	return out, internal(rows.Err())
}

// childOf returns the code of the child of parentPath whose subtree holds path ("" if none:
// the project sits at the parent itself, or elsewhere).
func childOf(parentPath, path string) string {
	if len(path) <= len(parentPath) || !strings.HasPrefix(path, parentPath) {
		return ""
	}
	code, _, _ := strings.Cut(path[len(parentPath):], "/")
	return code
}

// ---------------------------------------------------------------------------------------------
// GroupProjects

// groupPlan is a breakdown ready to run: its statement and, by region, the rows to fill.
type groupPlan struct {
	stmt
	by       string
	parent   *regionRow
	children []*regionRow
}

var groupColumns = map[string]string{
	"region": "p.region_path", "type": "p.type", "chain": "p.chain", "stage": "p.stage", "capital_source": "p.capital_source",
}

func (s *StatsService) planGroup(ctx context.Context, f zhaoyin.GroupFilter) (*groupPlan, error) {
	col, ok := groupColumns[f.GroupBy]
	if !ok {
		return nil, zhaoyin.FieldError("group_by", "分组方式“%s”无效，应为 region、type、chain、stage 或 capital_source", f.GroupBy)
	}
	plan := &groupPlan{by: f.GroupBy}
	region := f.Region
	if f.GroupBy == "region" {
		parent, err := s.parentRegion(ctx, f.Region)
		if err != nil {
			return nil, err
		}
		if plan.children, err = s.children(ctx, parent); err != nil {
			return nil, err
		}
		plan.parent, region = parent, parent.Code
	}
	scope, err := s.statsScope(ctx, region)
	if err != nil {
		return nil, err
	}
	where := sq.And{scope}
	if f.Batch != "" {
		where = append(where, sq.Expr("p.id IN (SELECT project_id FROM project_labels WHERE kind = 'batch' AND name = ?)", f.Batch))
	}
	if f.Tag != "" {
		where = append(where, sq.Expr("p.id IN (SELECT project_id FROM project_labels WHERE kind = 'tag' AND name = ?)", f.Tag))
	}
	w, args, err := sqlOf(where)
	if err != nil {
		return nil, err
	}
	q := "SELECT " + col + ", COUNT(*), CAST(COALESCE(SUM(p.total_investment_yuan), 0) AS BIGINT), CAST(COALESCE(SUM(p.annual_plan_yuan), 0) AS BIGINT)" +
		"\nFROM projects p\nWHERE " + w + "\nGROUP BY " + col
	plan.stmt = stmt{s.db.rebind(q), args}
	return plan, nil
}

// GroupProjects breaks the projects of a region (with a batch or tag) down by region, type,
// chain, stage or capital source. By region: one row per region directly below the region,
// zero rows included, each adding up its whole subtree, counties first then zones, by code.
// Otherwise by total investment, largest first; the dictionaries' values (type, stage, capital
// source) all get a row, so that a table's rows stay put from one month to the next.
func (s *StatsService) GroupProjects(ctx context.Context, f zhaoyin.GroupFilter) ([]zhaoyin.GroupRow, error) {
	plan, err := s.planGroup(ctx, f)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.rd.QueryContext(ctx, plan.query, plan.args...)
	if err != nil {
		return nil, internal(err)
	}
	defer rows.Close()
	got := map[string]*zhaoyin.GroupRow{}
	var order []string
	add := func(key string, count, total, annual int64) {
		r := got[key]
		if r == nil {
			r = &zhaoyin.GroupRow{Key: key}
			got[key] = r
			order = append(order, key)
		}
		r.Count += count
		r.TotalInvestmentYuan += total
		r.AnnualPlanYuan += annual
	}
	for rows.Next() {
		var key string
		var count, total, annual int64
		if err := rows.Scan(&key, &count, &total, &annual); err != nil {
			return nil, internal(err)
		}
		if plan.by == "region" {
			if key = childOf(plan.parent.Path, key); key == "" {
				continue // a project of the parent region itself belongs to no child
			}
		}
		add(key, count, total, annual)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err)
	}
	out := []zhaoyin.GroupRow{}
	if plan.by == "region" {
		for _, c := range plan.children {
			r := zhaoyin.GroupRow{Key: c.Code, Name: c.Name}
			if g := got[c.Code]; g != nil {
				r.Count, r.TotalInvestmentYuan, r.AnnualPlanYuan = g.Count, g.TotalInvestmentYuan, g.AnnualPlanYuan
			}
			out = append(out, r)
		}
		return out, nil
	}
	var dict []zhaoyin.Label
	switch plan.by {
	case "type":
		dict = zhaoyin.TypeLabels
	case "stage":
		dict = zhaoyin.StageLabels
	case "capital_source":
		dict = zhaoyin.CapitalLabels
	}
	rank := map[string]int{}
	for i, l := range dict {
		rank[l.Value] = i
		add(l.Value, 0, 0, 0)
	}
	for _, key := range order {
		r := *got[key]
		r.Name = groupName(plan.by, key, dict)
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.TotalInvestmentYuan != b.TotalInvestmentYuan {
			return a.TotalInvestmentYuan > b.TotalInvestmentYuan
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		ra, oka := rank[a.Key]
		rb, okb := rank[b.Key]
		if oka != okb {
			return oka
		}
		if oka && ra != rb {
			return ra < rb
		}
		return a.Key < b.Key
	})
	return out, nil
}

func groupName(by, key string, dict []zhaoyin.Label) string {
	switch {
	case key == "" && by == "chain":
		return "未归入产业链"
	case key == "":
		return "未填写"
	case dict != nil:
		return zhaoyin.LabelOf(dict, key)
	}
	return key
}

// ---------------------------------------------------------------------------------------------
// Monthly

// MonthFigures are one month's figures.
type MonthFigures struct {
	Month            string `json:"month"` // YYYY-MM
	FundsArrivedYuan int64  `json:"funds_arrived_yuan"`
	InvestedYuan     int64  `json:"invested_yuan"`
	SignedCount      int64  `json:"signed_count"`
	StartedCount     int64  `json:"started_count"`
}

// Monthly holds the twelve months of a year and of the year before, for the cockpit's charts.
type Monthly struct {
	Region   string         `json:"region"`
	Year     int            `json:"year"`
	Months   []MonthFigures `json:"months"`
	PrevYear []MonthFigures `json:"prev_year"`
}

// Monthly returns funds arrived, investment completed, new signed and new started projects
// month by month for year and the year before, within region ("" = the caller's scope).
func (s *StatsService) Monthly(ctx context.Context, region string, year int) (*Monthly, error) {
	if year < 1949 || year > 2999 {
		return nil, zhaoyin.FieldError("year", "年份 %d 无效", year)
	}
	w, wargs, err := s.statsScopeSQL(ctx, region)
	if err != nil {
		return nil, err
	}
	out := &Monthly{Region: region, Year: year}
	byMonth := map[string]*MonthFigures{}
	for y, dst := range map[int]*[]MonthFigures{year: &out.Months, year - 1: &out.PrevYear} {
		*dst = make([]MonthFigures, 12)
		for m := range 12 {
			(*dst)[m].Month = fmt.Sprintf("%04d-%02d", y, m+1)
			byMonth[(*dst)[m].Month] = &(*dst)[m]
		}
	}
	first, last := fmt.Sprintf("%04d-01", year-1), fmt.Sprintf("%04d-12", year)
	// From the monthly totals, as in progressPass.
	q := "SELECT p.month, CAST(COALESCE(SUM(p.funds_arrived_yuan), 0) AS BIGINT), CAST(COALESCE(SUM(p.invested_yuan), 0) AS BIGINT)" +
		" FROM progress_totals p WHERE p.month >= ? AND p.month <= ? AND " + w + " GROUP BY p.month"
	err = s.scanRows(ctx, q, append([]any{first, last}, wargs...), func(rows *sql.Rows) error {
		var month string
		var funds, invested int64
		if err := rows.Scan(&month, &funds, &invested); err != nil {
			return err
		}
		if m := byMonth[month]; m != nil {
			m.FundsArrivedYuan, m.InvestedYuan = funds, invested
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, c := range []struct {
		col string
		set func(*MonthFigures, int64)
	}{
		{"signed_on", func(m *MonthFigures, n int64) { m.SignedCount = n }},
		{"started_on", func(m *MonthFigures, n int64) { m.StartedCount = n }},
	} {
		q := "SELECT substr(p." + c.col + ", 1, 7), COUNT(*) FROM projects p WHERE " + w +
			" AND p." + c.col + " >= ? AND p." + c.col + " <= ? GROUP BY substr(p." + c.col + ", 1, 7)"
		err := s.scanRows(ctx, q, append(slices.Clone(wargs), first+"-01", last+"-31"), func(rows *sql.Rows) error {
			var month string
			var n int64
			if err := rows.Scan(&month, &n); err != nil {
				return err
			}
			if m := byMonth[month]; m != nil {
				c.set(m, n)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// scanRows runs a ?-placeholder query on the readers and hands each row to fn.
func (s *StatsService) scanRows(ctx context.Context, q string, args []any, fn func(*sql.Rows) error) error {
	rows, err := s.db.rd.QueryContext(ctx, s.db.rebind(q), args...)
	if err != nil {
		return internal(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return internal(err)
		}
	}
	return internal(rows.Err())
}

// ---------------------------------------------------------------------------------------------
// Cycle times

// HistogramBucket counts the cycles whose length in days lies in [MinDays, MaxDays]
// (MaxDays nil: no upper bound).
type HistogramBucket struct {
	Label   string `json:"label"`
	MinDays int    `json:"min_days"`
	MaxDays *int   `json:"max_days"`
	Count   int    `json:"count"`
}

// CycleStat describes the lengths, in days, of one kind of step. The quartiles interpolate
// linearly between ranks and are nil when no project made the step.
type CycleStat struct {
	Count      int               `json:"count"`
	MedianDays *float64          `json:"median_days"`
	P25Days    *float64          `json:"p25_days"`
	P75Days    *float64          `json:"p75_days"`
	Histogram  []HistogramBucket `json:"histogram"`
}

// CycleGroup holds the cycle times of one region or chain.
type CycleGroup struct {
	Key               string    `json:"key"`
	Name              string    `json:"name"`
	Count             int       `json:"count"` // projects with at least one step in the period
	TalksToSigning    CycleStat `json:"talks_to_signing"`
	SigningToStart    CycleStat `json:"signing_to_start"`
	StartToProduction CycleStat `json:"start_to_production"`
}

// CycleTimes holds the cycle times of a period, by group.
type CycleTimes struct {
	From    string       `json:"from"`
	To      string       `json:"to"`
	GroupBy string       `json:"group_by"`
	Groups  []CycleGroup `json:"groups"`
}

// cycleBuckets are the histogram's bounds in days.
var cycleBuckets = []struct {
	label    string
	min, max int // max < 0: no bound
}{{"0-30", 0, 30}, {"31-60", 31, 60}, {"61-90", 61, 90}, {"91-180", 91, 180}, {"181-365", 181, 365}, {">365", 366, -1}}

// CycleTimes measures how long projects take from first talks to signing, from signing to
// the start of construction and from start to production ("from first talks to signing in 38
// days"). A step counts in the period when it was completed in it (its later date lies in
// [from, to]) and its earlier date is known; dropped projects keep the steps they made.
// groupBy is "region" (the regions directly below region, zero groups included), "chain", or
// "" for one group. The lengths are computed in Go from the dates.
func (s *StatsService) CycleTimes(ctx context.Context, region, from, to, groupBy string) (*CycleTimes, error) {
	per, err := parsePeriod(from, to)
	if err != nil {
		return nil, err
	}
	var parent *regionRow
	var children []*regionRow
	switch groupBy {
	case "", "chain":
	case "region":
		if parent, err = s.parentRegion(ctx, region); err != nil {
			return nil, err
		}
		if children, err = s.children(ctx, parent); err != nil {
			return nil, err
		}
		region = parent.Code
	default:
		return nil, zhaoyin.FieldError("group_by", "分组方式“%s”无效，应为 region、chain 或留空", groupBy)
	}
	w, wargs, err := s.statsScopeSQL(ctx, region)
	if err != nil {
		return nil, err
	}
	q := "SELECT p.region_path, p.chain, p.negotiating_on, p.signed_on, p.started_on, p.producing_on FROM projects p WHERE " + w +
		" AND (p.signed_on BETWEEN ? AND ? OR p.started_on BETWEEN ? AND ? OR p.producing_on BETWEEN ? AND ?)"
	args := append(slices.Clone(wargs), per.From, per.To, per.From, per.To, per.From, per.To)

	type acc struct {
		count       int
		steps       [3][]int
		key, name   string
		orderInDict int
	}
	groups := map[string]*acc{}
	var keys []string
	group := func(key, name string) *acc {
		g := groups[key]
		if g == nil {
			g = &acc{key: key, name: name}
			groups[key] = g
			keys = append(keys, key)
		}
		return g
	}
	switch groupBy {
	case "":
		group("", "全部")
	case "region":
		for _, c := range children {
			group(c.Code, c.Name)
		}
	}
	inPeriod := func(d string) bool { return d != "" && d >= per.From && d <= per.To }
	err = s.scanRows(ctx, q, args, func(rows *sql.Rows) error {
		var path, chain, talks, signed, started, producing string
		if err := rows.Scan(&path, &chain, &talks, &signed, &started, &producing); err != nil {
			return err
		}
		var g *acc
		switch groupBy {
		case "":
			g = groups[""]
		case "chain":
			g = group(chain, groupName("chain", chain, nil))
		case "region":
			if g = groups[childOf(parent.Path, path)]; g == nil {
				return nil
			}
		}
		counted := false
		for i, step := range [3][2]string{{talks, signed}, {signed, started}, {started, producing}} {
			if step[0] == "" || !inPeriod(step[1]) {
				continue
			}
			d, ok := daysBetween(step[0], step[1])
			if !ok {
				continue
			}
			g.steps[i] = append(g.steps[i], d)
			counted = true
		}
		if counted {
			g.count++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := &CycleTimes{From: from, To: to, GroupBy: groupBy, Groups: []CycleGroup{}}
	for _, k := range keys {
		g := groups[k]
		out.Groups = append(out.Groups, CycleGroup{
			Key: g.key, Name: g.name, Count: g.count,
			TalksToSigning: cycleStat(g.steps[0]), SigningToStart: cycleStat(g.steps[1]), StartToProduction: cycleStat(g.steps[2]),
		})
	}
	if groupBy == "chain" {
		sort.SliceStable(out.Groups, func(i, j int) bool {
			a, b := out.Groups[i], out.Groups[j]
			if (a.Key == "") != (b.Key == "") {
				return b.Key == ""
			}
			if a.Count != b.Count {
				return a.Count > b.Count
			}
			return a.Key < b.Key
		})
	}
	return out, nil
}

// daysBetween counts the days from a to b (dates YYYY-MM-DD).
func daysBetween(a, b string) (int, bool) {
	ta, err1 := time.Parse("2006-01-02", a)
	tb, err2 := time.Parse("2006-01-02", b)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return int(tb.Sub(ta).Hours() / 24), true
}

func cycleStat(days []int) CycleStat {
	st := CycleStat{Count: len(days), Histogram: make([]HistogramBucket, len(cycleBuckets))}
	for i, b := range cycleBuckets {
		st.Histogram[i] = HistogramBucket{Label: b.label, MinDays: b.min}
		if b.max >= 0 {
			m := b.max
			st.Histogram[i].MaxDays = &m
		}
	}
	for _, d := range days {
		for i, b := range cycleBuckets {
			if d >= b.min && (b.max < 0 || d <= b.max) {
				st.Histogram[i].Count++
				break
			}
		}
	}
	if len(days) == 0 {
		return st
	}
	sorted := slices.Clone(days)
	slices.Sort(sorted)
	q := func(p float64) *float64 {
		h := p * float64(len(sorted)-1)
		lo := int(math.Floor(h))
		v := float64(sorted[lo])
		if lo+1 < len(sorted) {
			v += (h - float64(lo)) * float64(sorted[lo+1]-sorted[lo])
		}
		v = math.Round(v*10) / 10
		return &v
	}
	st.P25Days, st.MedianDays, st.P75Days = q(0.25), q(0.5), q(0.75)
	return st
}

// ---------------------------------------------------------------------------------------------
// Warnings

// WarningProject is a project in a warning list, with its key figure in words.
type WarningProject struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	RegionCode string `json:"region_code"`
	RegionName string `json:"region_name"`
	Figure     string `json:"figure"`
}

// NotStartedWarning is a project signed long ago and not started.
type NotStartedWarning struct {
	WarningProject
	Stage            string `json:"stage"`
	SignedOn         string `json:"signed_on"`
	SignedAmountYuan int64  `json:"signed_amount_yuan"`
	MonthsSinceSign  int    `json:"months_since_signing"`
}

// NoProgressWarning is a project under construction that has not reported for two months.
type NoProgressWarning struct {
	WarningProject
	StartedOn       string `json:"started_on"`
	LastReportMonth string `json:"last_report_month"` // "" = never reported
}

// FundsBehindWarning is a project whose funds arrived this year lag far behind its plan.
type FundsBehindWarning struct {
	WarningProject
	AnnualPlanYuan int64 `json:"annual_plan_yuan"`
	ArrivedYuan    int64 `json:"arrived_yuan"`  // this year, up to the elapsed months
	ExpectedYuan   int64 `json:"expected_yuan"` // annual plan × elapsed months / 12
	// ProgressPct is arrived ÷ expected × 100 (two decimals).
	ProgressPct float64 `json:"progress_pct"`
}

// Warnings are the three warning lists of a region on a date. Each list holds at most
// WarningLimit projects, the most serious first; its total counts them all.
type Warnings struct {
	AsOf                  string               `json:"as_of"`
	Months                int                  `json:"months"`
	ElapsedMonths         int                  `json:"elapsed_months"`
	SignedNotStarted      []NotStartedWarning  `json:"signed_not_started"`
	SignedNotStartedTotal int                  `json:"signed_not_started_total"`
	NoProgress            []NoProgressWarning  `json:"no_progress"`
	NoProgressTotal       int                  `json:"no_progress_total"`
	FundsBehindPlan       []FundsBehindWarning `json:"funds_behind_plan"`
	FundsBehindPlanTotal  int                  `json:"funds_behind_plan_total"`
}

// WarningLimit caps each warning list.
const WarningLimit = 1000

// Warnings lists, within region ("" = the caller's scope) as of a date:
//   - projects signed at least months months before asOf and not started by then;
//   - projects under construction on asOf (started, not producing, not dropped) that started
//     before the previous month and reported no progress for either of the two months
//     before asOf's month;
//   - projects signed by asOf with an annual plan whose funds arrived this year, over the
//     months completed by asOf (the month of asOf counts when asOf is its last day), are below
//     half of what the plan asks for by then: arrived < 50% × plan × elapsed ÷ 12.
//
// Stages are read as of asOf from the dates, so that a past date gives the lists of that day.
func (s *StatsService) Warnings(ctx context.Context, region, asOf string, months int) (*Warnings, error) {
	at, err := zhaoyin.ParseDate(asOf)
	if asOf == "" {
		return nil, zhaoyin.FieldError("as_of", "请指定截止日期（as_of），格式如 2024-06-30")
	} else if err != nil {
		return nil, zhaoyin.FieldError("as_of", "截止日期：%v", err)
	}
	if months < 1 || months > 120 {
		return nil, zhaoyin.FieldError("months", "签约未开工的月数应在 1 到 120 之间")
	}
	w, wargs, err := s.statsScopeSQL(ctx, region)
	if err != nil {
		return nil, err
	}
	out := &Warnings{AsOf: asOf, Months: months,
		SignedNotStarted: []NotStartedWarning{}, NoProgress: []NoProgressWarning{}, FundsBehindPlan: []FundsBehindWarning{}}
	notDropped := "(p.dropped_on = '' OR p.dropped_on > ?)"
	limit := fmt.Sprintf(" LIMIT %d", WarningLimit)
	var codes []string

	// 1. Signed, not started.
	cutoff := monthsEarlier(at, months).Format("2006-01-02")
	q := "SELECT p.code, p.name, p.region_code, p.stage, p.signed_on, " + signedAmountExpr + ", t.total FROM (" +
		"SELECT p.id, COUNT(*) OVER () AS total FROM projects p WHERE " + w +
		" AND p.signed_on <> '' AND p.signed_on <= ? AND (p.started_on = '' OR p.started_on > ?) AND " + notDropped +
		" ORDER BY p.signed_on, p.id" + limit + ") t JOIN projects p ON p.id = t.id ORDER BY p.signed_on, p.id"
	err = s.scanRows(ctx, q, append(slices.Clone(wargs), cutoff, asOf, asOf), func(rows *sql.Rows) error {
		var x NotStartedWarning
		if err := rows.Scan(&x.Code, &x.Name, &x.RegionCode, &x.Stage, &x.SignedOn, &x.SignedAmountYuan, &out.SignedNotStartedTotal); err != nil {
			return err
		}
		x.MonthsSinceSign = wholeMonths(x.SignedOn, at)
		x.Figure = fmt.Sprintf("%s签约，已满%d个月未开工", x.SignedOn, x.MonthsSinceSign)
		out.SignedNotStarted = append(out.SignedNotStarted, x)
		codes = append(codes, x.RegionCode)
		return nil
	})
	if err != nil {
		return nil, err
	}

	// 2. Under construction, no progress for the two months before asOf's month.
	m2 := monthsEarlier(time.Date(at.Year(), at.Month(), 1, 0, 0, 0, 0, time.UTC), 1)
	m1 := monthsEarlier(m2, 1)
	m1s, m2s := m1.Format("2006-01"), m2.Format("2006-01")
	q = "SELECT p.code, p.name, p.region_code, p.started_on, t.last, t.total FROM (" +
		"SELECT p.id, p.started_on, COALESCE((SELECT MAX(x.month) FROM project_progress x WHERE x.project_id = p.id AND x.month < ?), '') AS last, COUNT(*) OVER () AS total" +
		" FROM projects p WHERE " + w + " AND p.started_on <> '' AND p.started_on < ? AND (p.producing_on = '' OR p.producing_on > ?) AND " + notDropped +
		" AND NOT EXISTS (SELECT 1 FROM project_progress x WHERE x.project_id = p.id AND x.month >= ? AND x.month <= ?)" +
		" ORDER BY last, p.started_on, p.id" + limit + ") t JOIN projects p ON p.id = t.id ORDER BY t.last, t.started_on, p.id"
	args := append([]any{m1s}, wargs...)
	args = append(args, m2s+"-01", asOf, asOf, m1s, m2s)
	err = s.scanRows(ctx, q, args, func(rows *sql.Rows) error {
		var x NoProgressWarning
		if err := rows.Scan(&x.Code, &x.Name, &x.RegionCode, &x.StartedOn, &x.LastReportMonth, &out.NoProgressTotal); err != nil {
			return err
		}
		if x.LastReportMonth == "" {
			x.Figure = fmt.Sprintf("%s开工，从未报送调度", x.StartedOn)
		} else {
			x.Figure = fmt.Sprintf("%s、%s未报送调度，最近一次为%s", m1s, m2s, x.LastReportMonth)
		}
		out.NoProgress = append(out.NoProgress, x)
		codes = append(codes, x.RegionCode)
		return nil
	})
	if err != nil {
		return nil, err
	}

	// 3. Funds this year far behind the annual plan.
	elapsed := int(at.Month()) - 1
	if at.AddDate(0, 0, 1).Day() == 1 {
		elapsed++
	}
	out.ElapsedMonths = elapsed
	if elapsed > 0 {
		y := at.Year()
		q = "SELECT p.code, p.name, p.region_code, t.plan, t.arrived, t.total FROM (" +
			"SELECT id, plan, arrived, COUNT(*) OVER () AS total FROM (" +
			"SELECT p.id, p.annual_plan_yuan AS plan," +
			" CAST(COALESCE((SELECT SUM(x.funds_arrived_yuan) FROM project_progress x WHERE x.project_id = p.id AND x.month >= ? AND x.month <= ?), 0) AS BIGINT) AS arrived" +
			" FROM projects p WHERE " + w + " AND p.annual_plan_yuan > 0 AND p.signed_on <> '' AND p.signed_on <= ? AND " + notDropped +
			") c WHERE 24 * arrived < plan * ? ORDER BY arrived * 10000 / plan, id" + limit +
			") t JOIN projects p ON p.id = t.id ORDER BY t.arrived * 10000 / t.plan, p.id"
		args := append([]any{fmt.Sprintf("%04d-01", y), fmt.Sprintf("%04d-%02d", y, elapsed)}, wargs...)
		args = append(args, asOf, asOf, elapsed)
		err = s.scanRows(ctx, q, args, func(rows *sql.Rows) error {
			var x FundsBehindWarning
			if err := rows.Scan(&x.Code, &x.Name, &x.RegionCode, &x.AnnualPlanYuan, &x.ArrivedYuan, &out.FundsBehindPlanTotal); err != nil {
				return err
			}
			x.ExpectedYuan = (2*x.AnnualPlanYuan*int64(elapsed) + 12) / 24 // plan × elapsed / 12, rounded half up
			h, _ := zhaoyin.ShareHundredths(x.ArrivedYuan, x.ExpectedYuan)
			x.ProgressPct = float64(h) / 100
			x.Figure = fmt.Sprintf("年度计划%s亿元，1—%d月到位%s亿元，为序时进度的%s", zhaoyin.FormatYi(x.AnnualPlanYuan), elapsed,
				zhaoyin.FormatYi(x.ArrivedYuan), zhaoyin.Share(x.ArrivedYuan, x.ExpectedYuan))
			out.FundsBehindPlan = append(out.FundsBehindPlan, x)
			codes = append(codes, x.RegionCode)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	names, err := s.db.regionNames(ctx, s.db.rd, codes)
	if err != nil {
		return nil, internal(err)
	}
	for i := range out.SignedNotStarted {
		out.SignedNotStarted[i].RegionName = names[out.SignedNotStarted[i].RegionCode]
	}
	for i := range out.NoProgress {
		out.NoProgress[i].RegionName = names[out.NoProgress[i].RegionCode]
	}
	for i := range out.FundsBehindPlan {
		out.FundsBehindPlan[i].RegionName = names[out.FundsBehindPlan[i].RegionCode]
	}
	return out, nil
}

// wholeMonths counts the whole months from date a to t.
func wholeMonths(a string, t time.Time) int {
	ta, err := time.Parse("2006-01-02", a)
	if err != nil {
		return 0
	}
	n := (t.Year()-ta.Year())*12 + int(t.Month()) - int(ta.Month())
	if monthsEarlier(t, n).Before(ta) {
		n--
	}
	return n
}

// ---------------------------------------------------------------------------------------------
// Ranking

// RankingRow is one region's figures of a period and its rank on each (1 = best; ties share
// a rank, the next rank is skipped).
type RankingRow struct {
	Key                string  `json:"key"`
	Name               string  `json:"name"`
	SignedCount        int64   `json:"signed_count"`
	SignedAmountYuan   int64   `json:"signed_amount_yuan"`
	StartedCount       int64   `json:"started_count"`
	FundsArrivedYuan   int64   `json:"funds_arrived_yuan"`
	InvestedYuan       int64   `json:"invested_yuan"`
	OverYiCount        int64   `json:"over_yi_count"` // new signed projects of at least 1亿元
	ManufacturingCount int64   `json:"manufacturing_count"`
	ManufacturingYuan  int64   `json:"manufacturing_amount_yuan"`
	ManufacturingShare float64 `json:"manufacturing_share_pct"` // share of manufacturing in the signed amount
	Ranks              Ranks   `json:"ranks"`
}

// Ranks are a region's ranks among its siblings.
type Ranks struct {
	SignedCount        int `json:"signed_count"`
	SignedAmount       int `json:"signed_amount_yuan"`
	StartedCount       int `json:"started_count"`
	FundsArrived       int `json:"funds_arrived_yuan"`
	Invested           int `json:"invested_yuan"`
	OverYiCount        int `json:"over_yi_count"`
	ManufacturingShare int `json:"manufacturing_share_pct"`
}

// Ranking compares the regions directly below a region over a period.
type Ranking struct {
	Region     string       `json:"region"`
	RegionName string       `json:"region_name"`
	From       string       `json:"from"`
	To         string       `json:"to"`
	Rows       []RankingRow `json:"rows"`
}

// Ranking returns every region directly below region (default: the caller's scope region)
// with its figures of the period and its rank on each, in region order (counties, then
// zones): the summary's two passes, by child.
func (s *StatsService) Ranking(ctx context.Context, region, from, to string) (*Ranking, error) {
	per, err := parsePeriod(from, to)
	if err != nil {
		return nil, err
	}
	parent, err := s.parentRegion(ctx, region)
	if err != nil {
		return nil, err
	}
	children, err := s.children(ctx, parent)
	if err != nil {
		return nil, err
	}
	scope, err := s.statsScope(ctx, parent.Code)
	if err != nil {
		return nil, err
	}
	byChild := map[string]*figures{}
	for _, c := range children {
		byChild[c.Code] = &figures{}
	}
	// Projects: one pass grouped by region path (in the order of projects_stats, no sort).
	st, err := s.projectPass(scope, per, true)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.rd.QueryContext(ctx, st.query, st.args...)
	if err != nil {
		return nil, internal(err)
	}
	for rows.Next() {
		var path string
		var fg figures
		if err := rows.Scan(append([]any{&path}, fg.projectDest()...)...); err != nil {
			rows.Close()
			return nil, internal(err)
		}
		if acc := byChild[childOf(parent.Path, path)]; acc != nil {
			acc.add(&fg)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, internal(err)
	}
	// Progress: one pass per child over the monthly totals (a few dozen rows each), each
	// child's scope written by statsScope as for a summary.
	for _, c := range children {
		where, err := s.statsScope(ctx, c.Code)
		if err != nil {
			return nil, err
		}
		st, err := s.progressPass(where, 0, per)
		if err != nil {
			return nil, err
		}
		if err := s.db.rd.QueryRowContext(ctx, st.query, st.args...).Scan(byChild[c.Code].progressDest()...); err != nil {
			return nil, internal(err)
		}
	}
	out := &Ranking{Region: parent.Code, RegionName: parent.Name, From: from, To: to, Rows: []RankingRow{}}
	shares := make([]int64, len(children))
	for i, c := range children {
		fg := byChild[c.Code]
		r := RankingRow{Key: c.Code, Name: c.Name, SignedCount: fg.SignedCount, SignedAmountYuan: fg.SignedAmount,
			StartedCount: fg.StartedCount, FundsArrivedYuan: fg.Arrived, InvestedYuan: fg.Invested, OverYiCount: fg.SignedOverYiCount,
			ManufacturingCount: fg.SignedMfgCount, ManufacturingYuan: fg.SignedMfgAmount}
		h, ok := zhaoyin.ShareHundredths(fg.SignedMfgAmount, fg.SignedAmount)
		if !ok {
			h = -1 // no signed amount: ranks last
		}
		shares[i] = h
		r.ManufacturingShare = float64(max(h, 0)) / 100
		out.Rows = append(out.Rows, r)
	}
	rank := func(value func(i int) int64, set func(r *Ranks, n int)) {
		for i := range out.Rows {
			n := 1
			for j := range out.Rows {
				if value(j) > value(i) {
					n++
				}
			}
			set(&out.Rows[i].Ranks, n)
		}
	}
	rs := out.Rows
	rank(func(i int) int64 { return rs[i].SignedCount }, func(r *Ranks, n int) { r.SignedCount = n })
	rank(func(i int) int64 { return rs[i].SignedAmountYuan }, func(r *Ranks, n int) { r.SignedAmount = n })
	rank(func(i int) int64 { return rs[i].StartedCount }, func(r *Ranks, n int) { r.StartedCount = n })
	rank(func(i int) int64 { return rs[i].FundsArrivedYuan }, func(r *Ranks, n int) { r.FundsArrived = n })
	rank(func(i int) int64 { return rs[i].InvestedYuan }, func(r *Ranks, n int) { r.Invested = n })
	rank(func(i int) int64 { return rs[i].OverYiCount }, func(r *Ranks, n int) { r.OverYiCount = n })
	rank(func(i int) int64 { return shares[i] }, func(r *Ranks, n int) { r.ManufacturingShare = n })
	return out, nil
}

func (fg *figures) add(o *figures) {
	fg.SignedCount += o.SignedCount
	fg.SignedAmount += o.SignedAmount
	fg.SignedMfgCount += o.SignedMfgCount
	fg.SignedMfgAmount += o.SignedMfgAmount
	fg.SignedOverYiCount += o.SignedOverYiCount
	fg.ApprovedCount += o.ApprovedCount
	fg.StartedCount += o.StartedCount
	fg.StartedMfgCount += o.StartedMfgCount
	fg.ProducingCount += o.ProducingCount
	fg.Arrived += o.Arrived
	fg.PrevArrived += o.PrevArrived
	fg.MfgArrived += o.MfgArrived
	fg.OutArrived += o.OutArrived
	fg.Invested += o.Invested
}

// ---------------------------------------------------------------------------------------------
// Largest new projects

// TopProject is one of the largest new signed projects of a period.
type TopProject struct {
	Code          string `json:"code"`
	Name          string `json:"name"`
	RegionCode    string `json:"region_code"`
	RegionName    string `json:"region_name"`
	SignedOn      string `json:"signed_on"`
	AmountYuan    int64  `json:"amount_yuan"` // signed amount, else total investment
	Manufacturing bool   `json:"manufacturing"`
	Chain         string `json:"chain"`
}

// TopSigned returns the n largest projects signed in the period (by signed amount, else
// total investment), within region ("" = the caller's scope).
func (s *StatsService) TopSigned(ctx context.Context, region, from, to string, n int) ([]TopProject, error) {
	per, err := parsePeriod(from, to)
	if err != nil {
		return nil, err
	}
	if n < 1 || n > 1000 {
		return nil, zhaoyin.FieldError("n", "项目个数应在 1 到 1000 之间")
	}
	w, wargs, err := s.statsScopeSQL(ctx, region)
	if err != nil {
		return nil, err
	}
	q := "SELECT p.code, p.name, p.region_code, p.signed_on, " + signedAmountExpr + " AS amount, p.manufacturing, p.chain FROM projects p WHERE " + w +
		" AND p.signed_on BETWEEN ? AND ? ORDER BY amount DESC, p.signed_on, p.code LIMIT " + fmt.Sprint(n)
	out := []TopProject{}
	var codes []string
	err = s.scanRows(ctx, q, append(slices.Clone(wargs), per.From, per.To), func(rows *sql.Rows) error {
		var t TopProject
		if err := rows.Scan(&t.Code, &t.Name, &t.RegionCode, &t.SignedOn, &t.AmountYuan, &t.Manufacturing, &t.Chain); err != nil {
			return err
		}
		out = append(out, t)
		codes = append(codes, t.RegionCode)
		return nil
	})
	if err != nil {
		return nil, err
	}
	names, err := s.db.regionNames(ctx, s.db.rd, codes)
	if err != nil {
		return nil, internal(err)
	}
	for i := range out {
		out[i].RegionName = names[out[i].RegionCode]
	}
	return out, nil
}
