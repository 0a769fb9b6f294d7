package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"zhaoyin"
)

// errDryRun rolls a dry run's transaction back after every check has passed.
var errDryRun = errors.New("dry run")

// ImportProjects creates or updates (by code) every row in one transaction: all or nothing.
func (s *ProjectService) ImportProjects(ctx context.Context, rows []*zhaoyin.Project, dryRun bool) (zhaoyin.ImportResult, error) {
	res := zhaoyin.ImportResult{DryRun: dryRun}
	if err := canWrite(ctx); err != nil {
		return res, err
	}
	var cells []zhaoyin.CellError
	for i, p := range rows {
		if err := p.Validate(); err != nil {
			var e *zhaoyin.Error
			errors.As(err, &e)
			for field, msg := range e.Fields {
				cells = append(cells, zhaoyin.CellError{Row: i, Column: field, Message: msg})
			}
		}
	}
	if len(cells) > 0 {
		return res, &zhaoyin.Error{Code: zhaoyin.EINVALID, Message: fmt.Sprintf("导入失败：共 %d 处错误，未导入任何数据", len(cells)), Cells: cells}
	}
	err := s.db.tx(ctx, func(tx *sql.Tx) error {
		codes := make([]any, len(rows))
		for i, p := range rows {
			codes[i] = p.Code
		}
		before := map[string]*projectRow{}
		for start := 0; start < len(codes); start += 5000 {
			chunk := codes[start:min(start+5000, len(codes))]
			in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",") + ")"
			q := s.db.rebind("SELECT " + selectProject + " FROM projects p WHERE p.code IN " + in)
			rs, err := tx.QueryContext(ctx, q, chunk...)
			if err != nil {
				return internal(err)
			}
			var list []*projectRow
			for rs.Next() {
				r, err := scanProject(rs)
				if err != nil {
					rs.Close()
					return internal(err)
				}
				list = append(list, r)
			}
			rs.Close()
			if err := s.db.loadDetails(ctx, tx, list); err != nil {
				return err
			}
			for _, r := range list {
				before[r.Code] = r
			}
		}
		res.Updated = len(before)
		res.Created = len(rows) - len(before)
		if err := s.db.writeProjects(ctx, tx, rows, before, zhaoyin.ActionProjectImport); err != nil {
			return err
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	} else if err == nil && len(rows) >= 1000 {
		s.db.analyze(ctx)
	}
	return res, err
}

var monthRE = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])$`)

// ImportProgress creates or updates (by project code and month) every monthly report.
func (s *ProjectService) ImportProgress(ctx context.Context, rows []*zhaoyin.Progress, dryRun bool) (zhaoyin.ImportResult, error) {
	res := zhaoyin.ImportResult{DryRun: dryRun}
	if err := canWrite(ctx); err != nil {
		return res, err
	}
	err := s.db.tx(ctx, func(tx *sql.Tx) error {
		ids, err := s.db.projectIDs(ctx, tx, rows)
		if err != nil {
			return err
		}
		var cells []zhaoyin.CellError
		seen := map[string]bool{}
		for i, p := range rows {
			switch {
			case ids[p.ProjectCode] == 0:
				cells = append(cells, zhaoyin.CellError{Row: i, Column: "project_code", Message: fmt.Sprintf("项目 %s 不存在或不在您的管辖范围内", p.ProjectCode)})
			case !monthRE.MatchString(p.Month):
				cells = append(cells, zhaoyin.CellError{Row: i, Column: "month", Message: fmt.Sprintf("月份“%s”无效，应写作 2024-03", p.Month)})
			case seen[p.ProjectCode+"|"+p.Month]:
				cells = append(cells, zhaoyin.CellError{Row: i, Column: "month", Message: fmt.Sprintf("项目 %s 的 %s 月份重复", p.ProjectCode, p.Month)})
			case p.FundsArrivedYuan < 0 || p.InvestedYuan < 0:
				cells = append(cells, zhaoyin.CellError{Row: i, Column: "funds_arrived_yuan", Message: "金额不能为负数"})
			}
			seen[p.ProjectCode+"|"+p.Month] = true
		}
		if err := s.db.closedMonthCells(ctx, tx, rows, &cells); err != nil {
			return err
		}
		if len(cells) > 0 {
			return &zhaoyin.Error{Code: zhaoyin.EINVALID, Message: fmt.Sprintf("导入失败：共 %d 处错误，未导入任何数据", len(cells)), Cells: cells}
		}
		existing := 0
		// Chunks stay small: SQLite caps expression depth near 1,000 terms.
		for start := 0; start < len(rows); start += 400 {
			chunk := rows[start:min(start+400, len(rows))]
			var sb strings.Builder
			args := make([]any, 0, 2*len(chunk))
			for i, p := range chunk {
				if i > 0 {
					sb.WriteString(" OR ")
				}
				sb.WriteString("(project_id = ? AND month = ?)")
				args = append(args, ids[p.ProjectCode], p.Month)
			}
			var n int
			if err := tx.QueryRowContext(ctx, s.db.rebind("SELECT COUNT(*) FROM project_progress WHERE "+sb.String()), args...).Scan(&n); err != nil {
				return internal(err)
			}
			existing += n
		}
		res.Updated, res.Created = existing, len(rows)-existing
		touched := make([]int64, 0, len(rows))
		for _, p := range rows {
			touched = append(touched, ids[p.ProjectCode])
		}
		slices.Sort(touched)
		touched = slices.Compact(touched)
		totalsBefore, err := s.db.projectTotals(ctx, tx, touched)
		if err != nil {
			return err
		}
		now := s.db.nowText()
		const cols = 7
		per := s.db.maxParams() / cols
		for start := 0; start < len(rows); start += per {
			end := min(start+per, len(rows))
			args := make([]any, 0, (end-start)*cols)
			for _, p := range rows[start:end] {
				args = append(args, ids[p.ProjectCode], p.Month, p.FundsArrivedYuan, p.InvestedYuan, p.ProgressText, p.Problems, now)
			}
			q := "INSERT INTO project_progress (project_id, month, funds_arrived_yuan, invested_yuan, progress_text, problems, updated_at) VALUES " +
				strings.TrimSuffix(strings.Repeat("(?,?,?,?,?,?,?),", end-start), ",") +
				" ON CONFLICT (project_id, month) DO UPDATE SET funds_arrived_yuan = excluded.funds_arrived_yuan, invested_yuan = excluded.invested_yuan, progress_text = excluded.progress_text, problems = excluded.problems, updated_at = excluded.updated_at"
			if _, err := tx.ExecContext(ctx, s.db.rebind(q), args...); err != nil {
				return internal(err)
			}
		}
		totalsAfter, err := s.db.projectTotals(ctx, tx, touched)
		if err != nil {
			return err
		}
		if err := s.db.addTotals(ctx, tx, totalsBefore, totalsAfter); err != nil {
			return err
		}
		if err := s.db.audit(ctx, tx, zhaoyin.ActionProgressImport, "progress", []zhaoyin.Change{{Field: "rows", After: len(rows)}}); err != nil {
			return err
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return res, err
}

// closedMonthCells reports rows that fall in a closed dispatch period. The periods arrive with
// the monthly dispatch; until then no month is closed.
var closedMonthHook func(ctx context.Context, db *DB, q querier, rows []*zhaoyin.Progress, cells *[]zhaoyin.CellError) error

func (db *DB) closedMonthCells(ctx context.Context, q querier, rows []*zhaoyin.Progress, cells *[]zhaoyin.CellError) error {
	if closedMonthHook == nil {
		return nil
	}
	return closedMonthHook(ctx, db, q, rows, cells)
}

// projectIDs maps the project codes of rows to ids, within the caller's scope.
func (db *DB) projectIDs(ctx context.Context, q querier, rows []*zhaoyin.Progress) (map[string]int64, error) {
	scope, err := db.scopePath(ctx)
	if err != nil {
		return nil, err
	}
	uniq := map[string]bool{}
	var codes []any
	for _, p := range rows {
		if !uniq[p.ProjectCode] {
			uniq[p.ProjectCode] = true
			codes = append(codes, p.ProjectCode)
		}
	}
	ids := map[string]int64{}
	for start := 0; start < len(codes); start += 5000 {
		chunk := codes[start:min(start+5000, len(codes))]
		in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",") + ")"
		query, args := "SELECT id, code FROM projects WHERE code IN "+in, chunk
		if scope != "" {
			query += " AND region_path >= ? AND region_path < ?"
			args = append(append([]any{}, chunk...), scope, pathUpper(scope))
		}
		rs, err := q.QueryContext(ctx, db.rebind(query), args...)
		if err != nil {
			return nil, internal(err)
		}
		for rs.Next() {
			var id int64
			var code string
			if err := rs.Scan(&id, &code); err != nil {
				rs.Close()
				return nil, internal(err)
			}
			ids[code] = id
		}
		rs.Close()
	}
	return ids, nil
}

// ProgressService implements zhaoyin.ProgressService.
type ProgressService struct{ db *DB }

var _ zhaoyin.ProgressService = (*ProgressService)(nil)

// NewProgressService returns the monthly progress store over db.
func NewProgressService(db *DB) *ProgressService { return &ProgressService{db: db} }

// FindProgress lists a project's monthly reports, oldest first.
func (s *ProgressService) FindProgress(ctx context.Context, code string) ([]*zhaoyin.Progress, error) {
	r, err := s.db.findProject(ctx, s.db.read, code)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.read.QueryContext(ctx, s.db.rebind("SELECT month, funds_arrived_yuan, invested_yuan, progress_text, problems FROM project_progress WHERE project_id = ? ORDER BY month"), r.id)
	if err != nil {
		return nil, internal(err)
	}
	defer rows.Close()
	out := []*zhaoyin.Progress{}
	for rows.Next() {
		p := &zhaoyin.Progress{ProjectCode: code}
		if err := rows.Scan(&p.Month, &p.FundsArrivedYuan, &p.InvestedYuan, &p.ProgressText, &p.Problems); err != nil {
			return nil, internal(err)
		}
		out = append(out, p)
	}
	return out, internal(rows.Err())
}

// UpsertProgress stores one monthly report (the same rules as an import of one row).
func (s *ProgressService) UpsertProgress(ctx context.Context, p *zhaoyin.Progress) error {
	_, err := NewProjectService(s.db).ImportProgress(ctx, []*zhaoyin.Progress{p}, false)
	var e *zhaoyin.Error
	if errors.As(err, &e) && len(e.Cells) > 0 {
		return &zhaoyin.Error{Code: zhaoyin.EINVALID, Message: e.Cells[0].Message, Fields: map[string]string{e.Cells[0].Column: e.Cells[0].Message}}
	}
	return err
}
