package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	sq "github.com/Masterminds/squirrel"

	"zhaoyin"
)

// The monthly dispatch: periods, reporting status, reminders, the dispatch table and the three
// lists. The rules are written down in the root package (dispatch.go); reports themselves are
// stored by ImportProgress, which asks closedMonths below whether a month is read-only.

func init() { closedMonthHook = closedMonths }

// DispatchService implements zhaoyin.DispatchService and zhaoyin.ListService.
type DispatchService struct{ db *DB }

var (
	_ zhaoyin.DispatchService = (*DispatchService)(nil)
	_ zhaoyin.ListService     = (*DispatchService)(nil)
)

// NewDispatchService returns the dispatch service over db.
func NewDispatchService(db *DB) *DispatchService { return &DispatchService{db: db} }

const timeLayout = "2006-01-02T15:04:05.000Z"

func parseTime(s string) *time.Time {
	if s == "" {
		return nil
	}
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return nil
	}
	return &t
}

// cityOnly refuses everyone but the city bureau and administrators (the system itself passes).
func cityOnly(ctx context.Context, what string) error {
	if u := zhaoyin.UserFromContext(ctx); u != nil && u.Role != zhaoyin.RoleAdmin && u.Role != zhaoyin.RoleCity {
		return zhaoyin.Errorf(zhaoyin.EFORBIDDEN, "只有市级招商部门和管理员可以%s", what)
	}
	return nil
}

// closedMonths adds a cell for every row whose month has a closed period covering its project:
// closed periods are read-only for every role, imports and single edits alike.
func closedMonths(ctx context.Context, db *DB, q querier, rows []*zhaoyin.Progress, cells *[]zhaoyin.CellError) error {
	bad := map[int]bool{}
	for _, c := range *cells {
		bad[c.Row] = true
	}
	monthSet := map[string]bool{}
	var months []any
	for i, p := range rows {
		if !bad[i] && monthRE.MatchString(p.Month) && !monthSet[p.Month] {
			monthSet[p.Month] = true
			months = append(months, p.Month)
		}
	}
	if len(months) == 0 {
		return nil
	}
	in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(months)), ",") + ")"
	rs, err := q.QueryContext(ctx, db.rebind("SELECT dp.month, r.path, dp.status FROM dispatch_periods dp JOIN regions r ON r.code = dp.region_code WHERE dp.month IN "+in+db.lockShared()), months...)
	if err != nil {
		return internal(err)
	}
	closed := map[string][]string{} // month → paths of the regions whose period is closed
	for rs.Next() {
		var month, path, status string
		if err := rs.Scan(&month, &path, &status); err != nil {
			rs.Close()
			return internal(err)
		}
		if status == zhaoyin.PeriodClosed {
			closed[month] = append(closed[month], path)
		}
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return internal(err)
	}
	if len(closed) == 0 {
		return nil
	}
	codeSet := map[string]bool{}
	var codes []any
	for i, p := range rows {
		if !bad[i] && closed[p.Month] != nil && !codeSet[p.ProjectCode] {
			codeSet[p.ProjectCode] = true
			codes = append(codes, p.ProjectCode)
		}
	}
	paths := map[string]string{}
	for start := 0; start < len(codes); start += 5000 {
		chunk := codes[start:min(start+5000, len(codes))]
		in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",") + ")"
		rs, err := q.QueryContext(ctx, db.rebind("SELECT code, region_path FROM projects WHERE code IN "+in), chunk...)
		if err != nil {
			return internal(err)
		}
		for rs.Next() {
			var code, path string
			if err := rs.Scan(&code, &path); err != nil {
				rs.Close()
				return internal(err)
			}
			paths[code] = path
		}
		rs.Close()
	}
	for i, p := range rows {
		path, ok := paths[p.ProjectCode]
		if bad[i] || !ok {
			continue
		}
		for _, cp := range closed[p.Month] {
			if strings.HasPrefix(path, cp) {
				*cells = append(*cells, zhaoyin.CellError{Row: i, Column: "month", Message: zhaoyin.ClosedMonthMessage(p.Month)})
				break
			}
		}
	}
	return nil
}

type periodRow struct {
	zhaoyin.DispatchPeriod
	path string
}

const selectPeriod = "dp.id, dp.month, dp.region_code, r.name, r.path, dp.deadline, dp.status, dp.opened_by, dp.opened_at, " +
	"dp.closed_by, dp.closed_at, dp.reopened_by, dp.reopened_at, dp.reopen_reason"

func scanPeriod(row interface{ Scan(...any) error }) (*periodRow, error) {
	r := &periodRow{}
	p := &r.DispatchPeriod
	var opened, closed, reopened string
	if err := row.Scan(&p.ID, &p.Month, &p.RegionCode, &p.RegionName, &r.path, &p.Deadline, &p.Status, &p.OpenedBy, &opened,
		&p.ClosedBy, &closed, &p.ReopenedBy, &reopened, &p.ReopenReason); err != nil {
		return nil, err
	}
	if t := parseTime(opened); t != nil {
		p.OpenedAt = *t
	}
	p.ClosedAt, p.ReopenedAt = parseTime(closed), parseTime(reopened)
	return r, nil
}

// ancestors lists the paths of path's region and of every region above it.
func ancestors(path string) []string {
	var out []string
	for i := 1; i < len(path); i++ {
		if path[i] == '/' {
			out = append(out, path[:i+1])
		}
	}
	return out
}

// overlapCond matches rows whose region (col, a region path) lies above, at or below path:
// the regions a caller confined to path may see a period or a scheme of.
func overlapCond(col, path string) sq.Sqlizer {
	anc := ancestors(path)
	args := make([]any, len(anc))
	for i, a := range anc {
		args[i] = a
	}
	return sq.Or{
		sq.Eq{col: args},
		sq.Expr(col+" >= ? AND "+col+" < ?", path, pathUpper(path)),
	}
}

// overlaps reports whether region paths a and b lie on one line of the tree.
func overlaps(a, b string) bool { return strings.HasPrefix(a, b) || strings.HasPrefix(b, a) }

// regionScopeCond restricts a query of periods or schemes (regions aliased r) to the caller's
// scope: a district sees its city's periods and schemes, not those of other cities.
func (db *DB) regionScopeCond(ctx context.Context) (sq.Sqlizer, error) {
	scope, err := db.scopePath(ctx)
	if err != nil {
		return nil, err
	}
	if scope == "" {
		return sq.And{}, nil
	}
	return overlapCond("r.path", scope), nil
}

func (db *DB) queryPeriods(ctx context.Context, q querier, where sq.Sqlizer, suffix string) ([]*periodRow, error) {
	scope, err := db.regionScopeCond(ctx)
	if err != nil {
		return nil, err
	}
	query, args, err := db.builder().Select(selectPeriod).From("dispatch_periods dp").Join("regions r ON r.code = dp.region_code").
		Where(sq.And{scope, where}).OrderBy("dp.month DESC", "r.path").Suffix(suffix).ToSql()
	if err != nil {
		return nil, internal(err)
	}
	rs, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, internal(err)
	}
	defer rs.Close()
	var out []*periodRow
	for rs.Next() {
		r, err := scanPeriod(rs)
		if err != nil {
			return nil, internal(err)
		}
		out = append(out, r)
	}
	return out, internal(rs.Err())
}

// FindPeriods lists the periods the caller may see, newest month first.
func (s *DispatchService) FindPeriods(ctx context.Context, f zhaoyin.DispatchPeriodFilter) ([]*zhaoyin.DispatchPeriod, error) {
	where := sq.And{}
	if f.Year != 0 {
		where = append(where, sq.Expr("dp.month >= ? AND dp.month <= ?", fmt.Sprintf("%04d-01", f.Year), fmt.Sprintf("%04d-12", f.Year)))
	}
	if f.Region != "" {
		r, err := s.db.region(ctx, s.db.read, f.Region)
		if err != nil {
			return nil, zhaoyin.FieldError("region", "区域代码 %s 不存在", f.Region)
		}
		where = append(where, overlapCond("r.path", r.Path))
	}
	rows, err := s.db.queryPeriods(ctx, s.db.read, where, "")
	if err != nil {
		return nil, err
	}
	out := make([]*zhaoyin.DispatchPeriod, len(rows))
	for i, r := range rows {
		out[i] = &r.DispatchPeriod
	}
	return out, nil
}

// hintRegion is the region that tells which city a request is about: the one asked for, else
// the caller's own ("" when neither).
func (db *DB) hintRegion(ctx context.Context, region string) (*regionRow, error) {
	if region == "" {
		if u := zhaoyin.UserFromContext(ctx); u != nil {
			region = u.RegionCode
		}
	}
	if region == "" {
		return nil, nil
	}
	r, err := db.region(ctx, db.read, region)
	if err != nil {
		return nil, zhaoyin.FieldError("region", "区域代码 %s 不存在", region)
	}
	scope, err := db.scopePath(ctx)
	if err != nil {
		return nil, err
	}
	if !overlaps(r.Path, scope) {
		return nil, zhaoyin.Errorf(zhaoyin.ENOTFOUND, "区域 %s 不在您的管辖范围内", r.Name)
	}
	return r, nil
}

// findPeriod returns the month's period that region lies in (or, for a region above the
// cities, the only period below it); without a region, the caller's; without either, the only
// period of the month the caller may see. nil, nil when there is none.
func (db *DB) findPeriod(ctx context.Context, q querier, month, region, suffix string) (*periodRow, error) {
	if !zhaoyin.ValidMonth(month) {
		return nil, zhaoyin.FieldError("month", "月份“%s”无效，应写作 2024-03", month)
	}
	hint, err := db.hintRegion(ctx, region)
	if err != nil {
		return nil, err
	}
	list, err := db.queryPeriods(ctx, q, sq.Eq{"dp.month": month}, suffix)
	if err != nil {
		return nil, err
	}
	if hint != nil {
		var below []*periodRow
		for _, p := range list {
			if strings.HasPrefix(hint.Path, p.path) {
				return p, nil
			}
			if strings.HasPrefix(p.path, hint.Path) {
				below = append(below, p)
			}
		}
		list = below
	}
	switch len(list) {
	case 0:
		return nil, nil
	case 1:
		return list[0], nil
	}
	return nil, zhaoyin.FieldError("region", "%s有多个城市开启了调度期，请用 region 参数指定城市", zhaoyin.MonthLabel(month))
}

func notOpened(month string) error {
	return zhaoyin.Errorf(zhaoyin.ENOTFOUND, "%s尚未开启调度期", zhaoyin.MonthLabel(month))
}

// FindPeriod returns the month's period covering region.
func (s *DispatchService) FindPeriod(ctx context.Context, month, region string) (*zhaoyin.DispatchPeriod, error) {
	p, err := s.db.findPeriod(ctx, s.db.read, month, region, "")
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, notOpened(month)
	}
	return &p.DispatchPeriod, nil
}

// cityAbove is the city that path lies in (a municipality's province-level region when there
// is no city on the path), or the region itself when it is one.
func (db *DB) cityAbove(ctx context.Context, path string) (*regionRow, error) {
	codes := pathCodes(path)
	var top *regionRow
	for i := len(codes) - 1; i >= 0; i-- {
		r, err := db.region(ctx, db.read, codes[i])
		if err != nil {
			return nil, err
		}
		if r.Kind == zhaoyin.RegionCity {
			return r, nil
		}
		top = r
	}
	if top == nil || top.Kind != zhaoyin.RegionProvince {
		return nil, zhaoyin.Errorf(zhaoyin.EINVALID, "区域不属于任何城市")
	}
	return top, nil
}

// defaultCity is the city holding every project within the caller's scope, for a city user
// who names none in a deployment of one city.
func (db *DB) defaultCity(ctx context.Context) (*regionRow, error) {
	scope, err := db.scopeWhere(ctx, "")
	if err != nil {
		return nil, err
	}
	q, args, err := db.builder().Select("COALESCE(MIN(p.region_path), ''), COALESCE(MAX(p.region_path), '')").From("projects p").Where(scope).ToSql()
	if err != nil {
		return nil, internal(err)
	}
	var lo, hi string
	if err := db.read.QueryRowContext(ctx, q, args...).Scan(&lo, &hi); err != nil {
		return nil, internal(err)
	}
	// Paths in between share the longest common prefix (by whole segments) of the two ends.
	common := ""
	for _, a := range ancestors(lo) {
		if strings.HasPrefix(hi, a) {
			common = a
		}
	}
	if common == "" {
		return nil, zhaoyin.FieldError("region_code", "请指定城市（region_code）")
	}
	r, err := db.cityAbove(ctx, common)
	if err != nil || !strings.HasPrefix(common, r.Path) {
		return nil, zhaoyin.FieldError("region_code", "项目分布在多个城市，请指定城市（region_code）")
	}
	return r, nil
}

// cityFor is the city a request is about: the region asked for (its city), else the caller's
// city, else the one city of the deployment.
func (db *DB) cityFor(ctx context.Context, region string) (*regionRow, error) {
	hint, err := db.hintRegion(ctx, region)
	if err != nil {
		return nil, err
	}
	if hint == nil {
		return db.defaultCity(ctx)
	}
	if hint.Kind == zhaoyin.RegionCity || hint.Kind == zhaoyin.RegionProvince {
		return hint, nil
	}
	return db.cityAbove(ctx, hint.Path)
}

func periodObject(p *zhaoyin.DispatchPeriod) string { return "period:" + p.RegionCode + ":" + p.Month }

// OpenPeriod opens a month's reporting period for a city.
func (s *DispatchService) OpenPeriod(ctx context.Context, o zhaoyin.DispatchOpening) (*zhaoyin.DispatchPeriod, error) {
	if err := cityOnly(ctx, "开启调度期"); err != nil {
		return nil, err
	}
	o.Month, o.Deadline = strings.TrimSpace(o.Month), strings.TrimSpace(o.Deadline)
	if !zhaoyin.ValidMonth(o.Month) {
		return nil, zhaoyin.FieldError("month", "月份“%s”无效，应写作 2024-03", o.Month)
	}
	if o.Deadline == "" {
		o.Deadline = zhaoyin.DefaultDeadline(o.Month)
	}
	if _, err := zhaoyin.ParseDate(o.Deadline); err != nil {
		return nil, zhaoyin.FieldError("deadline", "报送截止日期%s", strings.TrimPrefix(err.Error(), "日期"))
	}
	if o.Deadline < o.Month+"-01" {
		return nil, zhaoyin.FieldError("deadline", "报送截止日期 %s 早于%s，请重新填写", o.Deadline, zhaoyin.MonthLabel(o.Month))
	}
	city, err := s.db.cityFor(ctx, o.RegionCode)
	if err != nil {
		return nil, err
	}
	if o.RegionCode != "" && city.Code != o.RegionCode {
		return nil, zhaoyin.FieldError("region_code", "调度期应由城市开启：%s 不是城市，是否指 %s（%s）？", o.RegionCode, city.Name, city.Code)
	}
	var out *zhaoyin.DispatchPeriod
	err = s.db.tx(ctx, func(tx *sql.Tx) error {
		list, err := s.db.queryPeriods(zhaoyin.NewContextWithUser(ctx, nil), tx, sq.Eq{"dp.month": o.Month}, "")
		if err != nil {
			return err
		}
		for _, p := range list {
			if overlaps(p.path, city.Path) {
				return zhaoyin.Errorf(zhaoyin.ECONFLICT, "%s的调度期已由%s开启（%s）", zhaoyin.MonthLabel(o.Month), p.RegionName, statusLabel(p.Status))
			}
		}
		now := s.db.nowText()
		_, err = tx.ExecContext(ctx, s.db.rebind("INSERT INTO dispatch_periods (month, region_code, deadline, status, opened_by, opened_at) VALUES (?,?,?,?,?,?)"),
			o.Month, city.Code, o.Deadline, zhaoyin.PeriodOpen, actor(ctx), now)
		if isUniqueViolation(err) {
			return zhaoyin.Errorf(zhaoyin.ECONFLICT, "%s的调度期已开启", zhaoyin.MonthLabel(o.Month))
		} else if err != nil {
			return internal(err)
		}
		p, err := s.db.findPeriod(ctx, tx, o.Month, city.Code, "")
		if err != nil {
			return err
		}
		if p == nil {
			return internal(errors.New("opened period not found"))
		}
		out = &p.DispatchPeriod
		return s.db.audit(ctx, tx, zhaoyin.ActionPeriodOpen, periodObject(out), []zhaoyin.Change{
			{Field: "month", After: o.Month}, {Field: "region_code", After: city.Code}, {Field: "deadline", After: o.Deadline}, {Field: "status", After: zhaoyin.PeriodOpen},
		})
	})
	return out, err
}

func statusLabel(status string) string {
	if status == zhaoyin.PeriodClosed {
		return "已关闭"
	}
	return "报送中"
}

// ClosePeriod makes a month read-only for the projects of the period's city.
func (s *DispatchService) ClosePeriod(ctx context.Context, month, region string) (*zhaoyin.DispatchPeriod, error) {
	if err := cityOnly(ctx, "关闭调度期"); err != nil {
		return nil, err
	}
	return s.setStatus(ctx, month, region, zhaoyin.PeriodClosed, "")
}

// ReopenPeriod opens a closed month again for corrections; the reason goes to the audit log.
func (s *DispatchService) ReopenPeriod(ctx context.Context, month, region, reason string) (*zhaoyin.DispatchPeriod, error) {
	if err := cityOnly(ctx, "重新开启调度期"); err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if len([]rune(reason)) > 500 {
		return nil, zhaoyin.FieldError("reason", "重新开启的原因过长（最多 500 字）")
	}
	return s.setStatus(ctx, month, region, zhaoyin.PeriodOpen, reason)
}

func (s *DispatchService) setStatus(ctx context.Context, month, region, status, reason string) (*zhaoyin.DispatchPeriod, error) {
	var out *zhaoyin.DispatchPeriod
	err := s.db.tx(ctx, func(tx *sql.Tx) error {
		p, err := s.db.findPeriod(ctx, tx, month, region, s.db.lockUpdate())
		if err != nil {
			return err
		}
		if p == nil {
			return notOpened(month)
		}
		if p.Status == status {
			if status == zhaoyin.PeriodClosed {
				return zhaoyin.Errorf(zhaoyin.ECONFLICT, "%s%s调度期已关闭", p.RegionName, zhaoyin.MonthLabel(month))
			}
			return zhaoyin.Errorf(zhaoyin.ECONFLICT, "%s%s调度期正在报送中，无需重新开启", p.RegionName, zhaoyin.MonthLabel(month))
		}
		now := s.db.nowText()
		changes := []zhaoyin.Change{{Field: "status", Before: p.Status, After: status}}
		var res sql.Result
		if status == zhaoyin.PeriodClosed {
			res, err = tx.ExecContext(ctx, s.db.rebind("UPDATE dispatch_periods SET status = ?, closed_by = ?, closed_at = ? WHERE id = ? AND status = ?"), status, actor(ctx), now, p.ID, p.Status)
		} else {
			res, err = tx.ExecContext(ctx, s.db.rebind("UPDATE dispatch_periods SET status = ?, reopened_by = ?, reopened_at = ?, reopen_reason = ? WHERE id = ? AND status = ?"), status, actor(ctx), now, reason, p.ID, p.Status)
			changes = append(changes, zhaoyin.Change{Field: "reason", After: reason})
		}
		if err != nil {
			return internal(err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return zhaoyin.Errorf(zhaoyin.ECONFLICT, "调度期状态已被他人修改，请刷新后再试")
		}
		action := zhaoyin.ActionPeriodClose
		if status == zhaoyin.PeriodOpen {
			action = zhaoyin.ActionPeriodReopen
		}
		if err := s.db.audit(ctx, tx, action, periodObject(&p.DispatchPeriod), changes); err != nil {
			return err
		}
		p, err = s.db.findPeriod(ctx, tx, month, p.RegionCode, "")
		if err != nil {
			return err
		}
		out = &p.DispatchPeriod
		return nil
	})
	return out, err
}

// dispatchRow is a row of the dispatch table with what grouping needs.
type dispatchRow struct {
	zhaoyin.DispatchRow
	path string
}

// dispatchRows reads the month's due projects below root, within the caller's scope and
// region, ordered by region and code.
func (db *DB) dispatchRows(ctx context.Context, month string, root *regionRow, region string) ([]*dispatchRow, error) {
	scope, err := db.scopeWhere(ctx, region)
	if err != nil {
		return nil, err
	}
	start, end, yearStart := month+"-01", month+"-31", month[:4]+"-01"
	due := sq.Or{
		sq.Expr("p.approved_on <> '' AND p.approved_on <= ? AND (p.achieved_on = '' OR p.achieved_on >= ?) AND (p.dropped_on = '' OR p.dropped_on >= ?)", end, start, start),
		sq.Expr("EXISTS (SELECT 1 FROM project_progress x WHERE x.project_id = p.id AND x.month = ?)", month),
	}
	q, args, err := db.builder().
		Select("p.code, p.name, p.region_code, p.region_path, p.stage, p.total_investment_yuan, p.annual_plan_yuan").
		Column(sq.Expr("CAST(COALESCE(SUM(CASE WHEN pp.month = ? THEN pp.funds_arrived_yuan ELSE 0 END), 0) AS BIGINT)", month)).
		Column("CAST(COALESCE(SUM(pp.funds_arrived_yuan), 0) AS BIGINT)").
		Column(sq.Expr("CAST(COALESCE(SUM(CASE WHEN pp.month = ? THEN pp.invested_yuan ELSE 0 END), 0) AS BIGINT)", month)).
		Column("CAST(COALESCE(SUM(pp.invested_yuan), 0) AS BIGINT)").
		Column(sq.Expr("COALESCE(MAX(CASE WHEN pp.month = ? THEN pp.progress_text END), '')", month)).
		Column(sq.Expr("COALESCE(MAX(CASE WHEN pp.month = ? THEN pp.problems END), '')", month)).
		Column(sq.Expr("COALESCE(MAX(CASE WHEN pp.month = ? THEN pp.updated_at END), '')", month)).
		From("projects p").
		LeftJoin("project_progress pp ON pp.project_id = p.id AND pp.month >= ? AND pp.month <= ?", yearStart, month).
		Where(sq.And{scope, sq.Expr("p.region_path >= ? AND p.region_path < ?", root.Path, pathUpper(root.Path)), due}).
		GroupBy("p.id, p.code, p.name, p.region_code, p.region_path, p.stage, p.total_investment_yuan, p.annual_plan_yuan").
		OrderBy("p.region_path", "p.code").ToSql()
	if err != nil {
		return nil, internal(err)
	}
	rs, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, internal(err)
	}
	defer rs.Close()
	var out []*dispatchRow
	var codes []string
	for rs.Next() {
		r := &dispatchRow{}
		var stage, reported string
		if err := rs.Scan(&r.ProjectCode, &r.ProjectName, &r.RegionCode, &r.path, &stage, &r.TotalInvestmentYuan, &r.AnnualPlanYuan,
			&r.FundsArrivedYuan, &r.FundsArrivedYTDYuan, &r.InvestedYuan, &r.InvestedYTDYuan, &r.ProgressText, &r.Problems, &reported); err != nil {
			return nil, internal(err)
		}
		r.Stage = zhaoyin.Stage(stage)
		r.ReportedAt = parseTime(reported)
		r.Reported = reported != ""
		out = append(out, r)
		codes = append(codes, r.RegionCode)
	}
	if err := rs.Err(); err != nil {
		return nil, internal(err)
	}
	names, err := db.regionNames(ctx, db.rd, codes)
	if err != nil {
		return nil, internal(err)
	}
	for _, r := range out {
		r.RegionName = names[r.RegionCode]
	}
	return out, nil
}

// groupRegion is a region directly below the city (or the city itself, for its own projects).
type groupRegion struct {
	code, name, path string
}

// cityGroups lists the regions directly below root that the caller may see and that lie on
// the line of region (when given), in the order of the region list.
func (db *DB) cityGroups(ctx context.Context, root *regionRow, region string) ([]groupRegion, error) {
	scope, err := db.scopePath(ctx)
	if err != nil {
		return nil, err
	}
	filter := ""
	if region != "" {
		r, err := db.region(ctx, db.read, region)
		if err != nil {
			return nil, zhaoyin.FieldError("region", "区域代码 %s 不存在", region)
		}
		filter = r.Path
	}
	rs, err := db.read.QueryContext(ctx, db.rebind("SELECT code, name FROM regions WHERE parent_code = ? ORDER BY kind = 'zone', code"), root.Code)
	if err != nil {
		return nil, internal(err)
	}
	defer rs.Close()
	var out []groupRegion
	for rs.Next() {
		var g groupRegion
		if err := rs.Scan(&g.code, &g.name); err != nil {
			return nil, internal(err)
		}
		g.path = root.Path + g.code + "/"
		if overlaps(g.path, scope) && overlaps(g.path, filter) {
			out = append(out, g)
		}
	}
	return out, internal(rs.Err())
}

// groupOf is the code of the region directly below root that path lies in ("" for root's own).
func groupOf(root *regionRow, path string) string {
	rest := strings.TrimPrefix(path, root.Path)
	code, _, _ := strings.Cut(rest, "/")
	return code
}

// ownGroup names the group of the city's own projects (市本级).
func ownGroup(root *regionRow) groupRegion {
	return groupRegion{code: root.Code, name: root.Name + "本级", path: root.Path}
}

// today is the date in China.
func (db *DB) today() string { return db.now().In(zhaoyin.ChinaTime).Format("2006-01-02") }

// PeriodStatus counts, region by region, the projects due, reported and missing.
func (s *DispatchService) PeriodStatus(ctx context.Context, month, region string) (*zhaoyin.DispatchStatus, error) {
	p, err := s.db.findPeriod(ctx, s.db.read, month, region, "")
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, notOpened(month)
	}
	root, err := s.db.region(ctx, s.db.read, p.RegionCode)
	if err != nil {
		return nil, err
	}
	filter := region
	if filter != "" {
		if r, _ := s.db.region(ctx, s.db.read, filter); r != nil && strings.HasPrefix(root.Path, r.Path) {
			filter = "" // a region at or above the city: the whole city
		}
	}
	groups, err := s.db.cityGroups(ctx, root, filter)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.dispatchRows(ctx, month, root, filter)
	if err != nil {
		return nil, err
	}
	reminders, err := s.reminders(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	st := &zhaoyin.DispatchStatus{Period: &p.DispatchPeriod, Today: s.db.today(), Reminders: []*zhaoyin.DispatchReminder{}}
	byCode := map[string]*zhaoyin.DispatchRegionStatus{}
	var order []string
	add := func(g groupRegion) *zhaoyin.DispatchRegionStatus {
		rr := &zhaoyin.DispatchRegionStatus{RegionCode: g.code, RegionName: g.name, MissingProjects: []zhaoyin.DispatchProjectRef{}}
		byCode[g.code] = rr
		order = append(order, g.code)
		return rr
	}
	for _, g := range groups {
		add(g)
	}
	for _, r := range rows {
		code := groupOf(root, r.path)
		if code == "" {
			code = root.Code
		}
		rr := byCode[code]
		if rr == nil {
			if code != root.Code {
				continue // a region the caller may not see (cannot happen: rows are scoped)
			}
			rr = add(ownGroup(root))
		}
		rr.Due++
		if r.Reported {
			rr.Reported++
			if rr.LastReportAt == nil || r.ReportedAt.After(*rr.LastReportAt) {
				rr.LastReportAt = r.ReportedAt
			}
		} else {
			rr.Missing++
			rr.MissingProjects = append(rr.MissingProjects, zhaoyin.DispatchProjectRef{Code: r.ProjectCode, Name: r.ProjectName})
		}
	}
	for _, rem := range reminders {
		visible := false
		for _, code := range rem.RegionCodes {
			if rr := byCode[code]; rr != nil {
				visible = true
				if rr.LastRemindedAt == nil || rem.CreatedAt.After(*rr.LastRemindedAt) {
					t := rem.CreatedAt
					rr.LastRemindedAt = &t
				}
			}
		}
		if visible {
			st.Reminders = append(st.Reminders, rem)
		}
	}
	overdue := st.Today > p.Deadline
	for _, code := range order {
		rr := byCode[code]
		rr.Overdue = overdue && rr.Missing > 0
		st.Due += rr.Due
		st.Reported += rr.Reported
		st.Missing += rr.Missing
		st.Regions = append(st.Regions, *rr)
	}
	if st.Regions == nil {
		st.Regions = []zhaoyin.DispatchRegionStatus{}
	}
	return st, nil
}

// reminders lists a period's reminders, newest first.
func (s *DispatchService) reminders(ctx context.Context, periodID int64) ([]*zhaoyin.DispatchReminder, error) {
	rs, err := s.db.read.QueryContext(ctx, s.db.rebind(
		"SELECT m.id, dp.month, m.message, m.created_by, m.created_at, COALESCE(rr.region_code, '') FROM dispatch_reminders m "+
			"JOIN dispatch_periods dp ON dp.id = m.period_id LEFT JOIN dispatch_reminder_regions rr ON rr.reminder_id = m.id "+
			"WHERE m.period_id = ? ORDER BY m.id DESC, rr.region_code"), periodID)
	if err != nil {
		return nil, internal(err)
	}
	var out []*zhaoyin.DispatchReminder
	var codes []string
	for rs.Next() {
		var r zhaoyin.DispatchReminder
		var at, code string
		if err := rs.Scan(&r.ID, &r.Month, &r.Message, &r.CreatedBy, &at, &code); err != nil {
			rs.Close()
			return nil, internal(err)
		}
		if len(out) == 0 || out[len(out)-1].ID != r.ID {
			if t := parseTime(at); t != nil {
				r.CreatedAt = *t
			}
			r.RegionCodes, r.RegionNames = []string{}, []string{}
			out = append(out, &r)
		}
		if code != "" {
			last := out[len(out)-1]
			last.RegionCodes = append(last.RegionCodes, code)
			codes = append(codes, code)
		}
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, internal(err)
	}
	names, err := s.db.regionNames(ctx, s.db.rd, codes)
	if err != nil {
		return nil, internal(err)
	}
	for _, r := range out {
		for _, c := range r.RegionCodes {
			r.RegionNames = append(r.RegionNames, names[c])
		}
	}
	return out, nil
}

// Remind records that the city reminded regions to report; without regions, every region of
// the period with reports missing.
func (s *DispatchService) Remind(ctx context.Context, month, region string, req zhaoyin.DispatchReminderRequest) (*zhaoyin.DispatchReminder, error) {
	if err := cityOnly(ctx, "发送催报提醒"); err != nil {
		return nil, err
	}
	st, err := s.PeriodStatus(ctx, month, region)
	if err != nil {
		return nil, err
	}
	p := st.Period
	if p.Status != zhaoyin.PeriodOpen {
		return nil, zhaoyin.Errorf(zhaoyin.EINVALID, "%s调度期已关闭，无需催报", zhaoyin.MonthLabel(month))
	}
	req.Message = strings.TrimSpace(req.Message)
	if len([]rune(req.Message)) > 500 {
		return nil, zhaoyin.FieldError("message", "提醒内容过长（最多 500 字）")
	}
	if req.Message == "" {
		req.Message = fmt.Sprintf("请于 %s 前报送%s项目调度情况。", p.Deadline, zhaoyin.MonthLabel(month))
	}
	known := map[string]*zhaoyin.DispatchRegionStatus{}
	for i := range st.Regions {
		known[st.Regions[i].RegionCode] = &st.Regions[i]
	}
	var codes []string
	if len(req.RegionCodes) == 0 {
		for _, r := range st.Regions {
			if r.Missing > 0 {
				codes = append(codes, r.RegionCode)
			}
		}
		if len(codes) == 0 {
			return nil, zhaoyin.Errorf(zhaoyin.EINVALID, "各区域均已报送%s调度情况，无需催报", zhaoyin.MonthLabel(month))
		}
	} else {
		for _, c := range req.RegionCodes {
			c = strings.TrimSpace(c)
			if known[c] == nil {
				return nil, zhaoyin.FieldError("region_codes", "区域 %s 不是%s下辖的区域", c, p.RegionName)
			}
			if !slices.Contains(codes, c) {
				codes = append(codes, c)
			}
		}
	}
	rem := &zhaoyin.DispatchReminder{Month: month, RegionCodes: codes, Message: req.Message, CreatedBy: actor(ctx)}
	for _, c := range codes {
		rem.RegionNames = append(rem.RegionNames, known[c].RegionName)
	}
	err = s.db.tx(ctx, func(tx *sql.Tx) error {
		now := s.db.nowText()
		if err := tx.QueryRowContext(ctx, s.db.rebind("INSERT INTO dispatch_reminders (period_id, message, created_by, created_at) VALUES (?,?,?,?) RETURNING id"),
			p.ID, req.Message, rem.CreatedBy, now).Scan(&rem.ID); err != nil {
			return internal(err)
		}
		rem.CreatedAt = *parseTime(now)
		rows := make([][]any, len(codes))
		for i, c := range codes {
			rows[i] = []any{rem.ID, c}
		}
		if err := s.db.insertMany(ctx, tx, "dispatch_reminder_regions (reminder_id, region_code)", rows); err != nil {
			return err
		}
		return s.db.audit(ctx, tx, zhaoyin.ActionPeriodRemind, periodObject(p), []zhaoyin.Change{
			{Field: "region_codes", After: codes}, {Field: "message", After: req.Message},
		})
	})
	if err != nil {
		return nil, err
	}
	return rem, nil
}

// DispatchTable is the month's table for region: its due projects grouped by the regions
// directly below the city, with subtotals and a total. Months without a period have a table
// too (history); the city is then the region's.
func (s *DispatchService) DispatchTable(ctx context.Context, month, region string) (*zhaoyin.DispatchTable, error) {
	p, err := s.db.findPeriod(ctx, s.db.read, month, region, "")
	if err != nil {
		return nil, err
	}
	var root *regionRow
	if p != nil {
		root, err = s.db.region(ctx, s.db.read, p.RegionCode)
	} else {
		root, err = s.db.cityFor(ctx, region)
	}
	if err != nil {
		return nil, err
	}
	filter := region
	if filter != "" {
		if r, _ := s.db.region(ctx, s.db.read, filter); r != nil && strings.HasPrefix(root.Path, r.Path) {
			filter = ""
		}
	}
	groups, err := s.db.cityGroups(ctx, root, filter)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.dispatchRows(ctx, month, root, filter)
	if err != nil {
		return nil, err
	}
	t := &zhaoyin.DispatchTable{Month: month, RegionCode: root.Code, RegionName: root.Name, Groups: []zhaoyin.DispatchGroup{}}
	if p != nil {
		t.Period = &p.DispatchPeriod
	}
	if filter != "" {
		r, _ := s.db.region(ctx, s.db.read, filter)
		t.RegionCode, t.RegionName = r.Code, r.Name
	} else if scope, err := s.db.scopePath(ctx); err == nil && scope != "" && strings.HasPrefix(scope, root.Path) {
		u := zhaoyin.UserFromContext(ctx)
		if r, err := s.db.region(ctx, s.db.read, u.ScopeRegion()); err == nil {
			t.RegionCode, t.RegionName = r.Code, r.Name
		}
	}
	index := map[string]int{}
	for i, g := range groups {
		index[g.code] = i + 1 // the city's own group, if any, comes first
	}
	own := ownGroup(root)
	buckets := make([][]*zhaoyin.DispatchRow, len(groups)+1)
	for _, r := range rows {
		i, ok := index[groupOf(root, r.path)]
		if !ok {
			i = 0
		}
		buckets[i] = append(buckets[i], &r.DispatchRow)
	}
	for i, list := range buckets {
		if len(list) == 0 {
			continue
		}
		g := own
		if i > 0 {
			g = groups[i-1]
		}
		dg := zhaoyin.DispatchGroup{RegionCode: g.code, RegionName: g.name, Rows: list}
		for _, r := range list {
			dg.Subtotal.Add(r)
			t.Total.Add(r)
		}
		t.Groups = append(t.Groups, dg)
	}
	return t, nil
}

// ProjectLists produces the three lists (新签约、新立项、新开工) of a period and region.
func (s *DispatchService) ProjectLists(ctx context.Context, f zhaoyin.ProjectListFilter) (*zhaoyin.ProjectLists, error) {
	if _, err := zhaoyin.ParseDate(f.From); err != nil {
		return nil, zhaoyin.FieldError("from", "起始%s", err.Error())
	}
	if _, err := zhaoyin.ParseDate(f.To); err != nil {
		return nil, zhaoyin.FieldError("to", "截止%s", err.Error())
	}
	if f.From > f.To {
		return nil, zhaoyin.FieldError("to", "截止日期 %s 早于起始日期 %s", f.To, f.From)
	}
	scope, err := s.db.scopeWhere(ctx, f.Region)
	if err != nil {
		return nil, err
	}
	out := &zhaoyin.ProjectLists{RegionCode: f.Region, From: f.From, To: f.To}
	if out.RegionCode == "" {
		out.RegionCode = zhaoyin.UserFromContext(ctx).ScopeRegion()
	}
	if out.RegionCode != "" {
		r, err := s.db.region(ctx, s.db.read, out.RegionCode)
		if err != nil {
			return nil, err
		}
		out.RegionName = r.Name
	} else {
		out.RegionName = "全部区域"
	}
	for _, k := range zhaoyin.ListKinds {
		col := "p." + k.Kind + "_on"
		q, args, err := s.db.builder().Select(selectProject).From("projects p").
			Where(sq.And{scope, sq.Expr(col+" <> '' AND "+col+" >= ? AND "+col+" <= ?", f.From, f.To)}).
			OrderBy(col, "p.code").ToSql()
		if err != nil {
			return nil, internal(err)
		}
		rs, err := s.db.read.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, internal(err)
		}
		var list []*projectRow
		for rs.Next() {
			r, err := scanProject(rs)
			if err != nil {
				rs.Close()
				return nil, internal(err)
			}
			list = append(list, r)
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return nil, internal(err)
		}
		if err := s.db.loadDetails(ctx, s.db.read, list); err != nil {
			return nil, err
		}
		pl := zhaoyin.ProjectList{Kind: k.Kind, Label: k.Label, Items: make([]*zhaoyin.ProjectListItem, 0, len(list))}
		for _, r := range list {
			p := &r.Project
			it := &zhaoyin.ProjectListItem{
				Code: p.Code, Name: p.Name, RegionCode: p.RegionCode, RegionName: p.RegionName, Type: p.Type,
				TypeLabel: zhaoyin.LabelOf(zhaoyin.TypeLabels, p.Type), Chain: p.Chain, Manufacturing: p.Manufacturing,
				TotalInvestmentYuan: p.TotalInvestmentYuan, SignedAmountYuan: p.SignedAmountYuan,
				On: p.StageDate(zhaoyin.Stage(k.Kind)), Investors: make([]zhaoyin.ProjectListInvestor, len(p.Investors)),
			}
			for i, inv := range p.Investors {
				it.Investors[i] = zhaoyin.ProjectListInvestor{Name: inv.Name, USCC: inv.USCC}
			}
			pl.Items = append(pl.Items, it)
			pl.Totals.Count++
			pl.Totals.TotalInvestmentYuan += p.TotalInvestmentYuan
			pl.Totals.SignedAmountYuan += p.SignedAmountYuan
			if p.SignedAmountYuan > 0 {
				pl.Totals.AmountYuan += p.SignedAmountYuan
			} else {
				pl.Totals.AmountYuan += p.TotalInvestmentYuan
			}
		}
		out.Lists = append(out.Lists, pl)
	}
	return out, nil
}
