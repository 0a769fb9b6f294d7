package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	sq "github.com/Masterminds/squirrel"

	"zhaoyin"
)

// ProjectService implements zhaoyin.ProjectService and zhaoyin.ImportService.
type ProjectService struct{ db *DB }

var (
	_ zhaoyin.ProjectService = (*ProjectService)(nil)
	_ zhaoyin.ImportService  = (*ProjectService)(nil)
)

// NewProjectService returns the project store over db.
func NewProjectService(db *DB) *ProjectService { return &ProjectService{db: db} }

// projectCols are the stored columns in insert order (id, region_path, search_text, version
// and times are handled apart).
var projectCols = []string{
	"code", "name", "region_code", "type", "chain", "chain_node", "manufacturing", "capital_source",
	"total_investment_yuan", "annual_plan_yuan", "signed_amount_yuan", "foreign_investment_usd",
	"stage", "negotiating_on", "signed_on", "approved_on", "started_on", "producing_on", "achieved_on",
	"dropped_on", "drop_reason", "land_mu", "floor_area_m2", "jobs", "responsible_person",
	"leading_official", "service_team", "channel", "description",
}

func projectValues(p *zhaoyin.Project) []any {
	return []any{
		p.Code, p.Name, p.RegionCode, p.Type, p.Chain, p.ChainNode, p.Manufacturing, p.CapitalSource,
		p.TotalInvestmentYuan, p.AnnualPlanYuan, p.SignedAmountYuan, p.ForeignInvestUSD,
		string(p.Stage), p.NegotiatingOn, p.SignedOn, p.ApprovedOn, p.StartedOn, p.ProducingOn, p.AchievedOn,
		p.DroppedOn, p.DropReason, p.LandMu, p.FloorAreaM2, p.Jobs, p.ResponsiblePerson,
		p.LeadingOfficial, p.ServiceTeam, p.Channel, p.Description,
	}
}

const selectProject = "p.id, p.code, p.name, p.region_code, p.type, p.chain, p.chain_node, p.manufacturing, p.capital_source, " +
	"p.total_investment_yuan, p.annual_plan_yuan, p.signed_amount_yuan, p.foreign_investment_usd, " +
	"p.stage, p.negotiating_on, p.signed_on, p.approved_on, p.started_on, p.producing_on, p.achieved_on, " +
	"p.dropped_on, p.drop_reason, p.land_mu, p.floor_area_m2, p.jobs, p.responsible_person, " +
	"p.leading_official, p.service_team, p.channel, p.description, p.version, p.created_at, p.updated_at, p.details"

type projectRow struct {
	id      int64
	details string // projects.details (details.go)
	zhaoyin.Project
}

func scanProject(row interface{ Scan(...any) error }) (*projectRow, error) {
	r := &projectRow{}
	p := &r.Project
	var stage, created, updated string
	err := row.Scan(&r.id, &p.Code, &p.Name, &p.RegionCode, &p.Type, &p.Chain, &p.ChainNode, &p.Manufacturing, &p.CapitalSource,
		&p.TotalInvestmentYuan, &p.AnnualPlanYuan, &p.SignedAmountYuan, &p.ForeignInvestUSD,
		&stage, &p.NegotiatingOn, &p.SignedOn, &p.ApprovedOn, &p.StartedOn, &p.ProducingOn, &p.AchievedOn,
		&p.DroppedOn, &p.DropReason, &p.LandMu, &p.FloorAreaM2, &p.Jobs, &p.ResponsiblePerson,
		&p.LeadingOfficial, &p.ServiceTeam, &p.Channel, &p.Description, &p.Version, &created, &updated, &r.details)
	if err != nil {
		return nil, err
	}
	p.Stage = zhaoyin.Stage(stage)
	p.CreatedAt, _ = time.Parse("2006-01-02T15:04:05.000Z", created)
	p.UpdatedAt, _ = time.Parse("2006-01-02T15:04:05.000Z", updated)
	p.Tags, p.Batches, p.Investors = []string{}, []string{}, []zhaoyin.Investor{}
	return r, nil
}

// scopeWhere adds the caller's region scope (and an optional region filter) to a query of
// projects aliased p. It is the one place scope enters a project query.
func (db *DB) scopeWhere(ctx context.Context, region string) (sq.Sqlizer, error) {
	spans, err := db.scopeSpans(ctx, region)
	if err != nil {
		return nil, err
	}
	and := sq.And{}
	for _, s := range spans {
		and = append(and, s.cond())
	}
	return and, nil
}

// scopeSpans are the regions a query of the caller is confined to: the caller's own and the
// region filter, if any. A project must lie in all of them.
func (db *DB) scopeSpans(ctx context.Context, region string) ([]regionSpan, error) {
	var spans []regionSpan
	if code := zhaoyin.UserFromContext(ctx).ScopeRegion(); code != "" {
		r, err := db.region(ctx, db.rd, code)
		if err != nil {
			return nil, err
		}
		s, err := db.regionSpan(ctx, r)
		if err != nil {
			return nil, err
		}
		spans = append(spans, s)
	}
	if region != "" {
		r, err := db.region(ctx, db.rd, region)
		if err != nil {
			return nil, zhaoyin.FieldError("region", "区域代码 %s 不存在", region)
		}
		s, err := db.regionSpan(ctx, r)
		if err != nil {
			return nil, err
		}
		spans = append(spans, s)
	}
	return spans, nil
}

// regionSpan is where the projects of a region and of the regions below it lie: a region with
// nothing below it (most counties and zones) by its code, which lets the (region_code, stage,
// total_investment_yuan) index answer a filtered, sorted page without sorting; others by the
// range [lo, hi) of their path.
// region is the region's own code either way.
type regionSpan struct{ region, code, lo, hi string }

func (db *DB) regionSpan(ctx context.Context, r *regionRow) (regionSpan, error) {
	kids, err := db.hasChildren(ctx, r.Code)
	if err != nil {
		return regionSpan{}, err
	}
	if !kids {
		return regionSpan{region: r.Code, code: r.Code}, nil
	}
	return regionSpan{region: r.Code, lo: r.Path, hi: pathUpper(r.Path)}, nil
}

func (s regionSpan) cond() sq.Sqlizer {
	if s.code != "" {
		return sq.Eq{"p.region_code": s.code}
	}
	return sq.Expr("p.region_path >= ? AND p.region_path < ?", s.lo, s.hi)
}

// excludesAny reports whether any project lies outside s (two index seeks).
func (s regionSpan) excludesAny(ctx context.Context, q querier) (bool, error) {
	query, args := "SELECT EXISTS (SELECT 1 FROM projects WHERE region_code < ?) OR EXISTS (SELECT 1 FROM projects WHERE region_code > ?)", []any{s.code, s.code}
	if s.code == "" {
		query, args = "SELECT EXISTS (SELECT 1 FROM projects WHERE region_path < ?) OR EXISTS (SELECT 1 FROM projects WHERE region_path >= ?)", []any{s.lo, s.hi}
	}
	var out bool
	if err := q.QueryRowContext(ctx, query, args...).Scan(&out); err != nil {
		return false, internal(err)
	}
	return out, nil
}

// leafTTL is how long a region found to have nothing below it is believed to stay so.
const leafTTL = 2 * time.Second

// hasChildren tells whether regions lie below code. A yes is kept for good: regions are never
// removed. A no is kept for leafTTL only, since another app server may add a zone below the
// region; until this one asks again it matches the region by code, which for that moment
// leaves the new zone's few projects out of the region's lists and figures, and never lets
// a project into a scope it is not in. This server's own CreateRegion forgets the parent's no
// at once. (Asked on every request, it was two of the seven queries of a project list.)
func (db *DB) hasChildren(ctx context.Context, code string) (bool, error) {
	now := time.Now()
	db.regionMu.RLock()
	at, known := db.leafAt[code]
	db.regionMu.RUnlock()
	if known && (at.IsZero() || now.Sub(at) < leafTTL) {
		return at.IsZero(), nil
	}
	var one int
	err := db.rd.QueryRowContext(ctx, db.rebind("SELECT 1 FROM regions WHERE parent_code = ? LIMIT 1"), code).Scan(&one)
	kids := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, internal(err)
	}
	db.regionMu.Lock()
	if kids {
		db.leafAt[code] = time.Time{}
	} else {
		db.leafAt[code] = now
	}
	db.regionMu.Unlock()
	return kids, nil
}

// forgetLeaf drops what hasChildren knows of code (a region was just added below it).
func (db *DB) forgetLeaf(code string) {
	db.regionMu.Lock()
	delete(db.leafAt, code)
	db.regionMu.Unlock()
}

// projectWhere turns a filter into one explicit conjunction: scope AND every filter.
func (db *DB) projectWhere(ctx context.Context, f zhaoyin.ProjectFilter) (sq.And, error) {
	region := ""
	if f.Region != nil {
		region = *f.Region
	}
	scope, err := db.scopeWhere(ctx, region)
	if err != nil {
		return nil, err
	}
	w := sq.And{scope}
	if f.Stage != nil {
		w = append(w, sq.Eq{"p.stage": string(*f.Stage)})
	}
	if f.Type != nil {
		w = append(w, sq.Eq{"p.type": *f.Type})
	}
	if f.Chain != nil {
		w = append(w, sq.Eq{"p.chain": *f.Chain})
	}
	if f.Manufacturing != nil {
		w = append(w, sq.Eq{"p.manufacturing": *f.Manufacturing})
	}
	if f.MinInvestment != nil {
		w = append(w, sq.GtOrEq{"p.total_investment_yuan": *f.MinInvestment})
	}
	if f.MaxInvestment != nil {
		w = append(w, sq.LtOrEq{"p.total_investment_yuan": *f.MaxInvestment})
	}
	if f.SignedFrom != nil {
		w = append(w, sq.And{sq.NotEq{"p.signed_on": ""}, sq.GtOrEq{"p.signed_on": *f.SignedFrom}})
	}
	if f.SignedTo != nil {
		w = append(w, sq.And{sq.NotEq{"p.signed_on": ""}, sq.LtOrEq{"p.signed_on": *f.SignedTo}})
	}
	if f.Tag != nil {
		w = append(w, sq.Expr("p.id IN (SELECT project_id FROM project_labels WHERE kind = 'tag' AND name = ?)", *f.Tag))
	}
	if f.Batch != nil {
		w = append(w, sq.Expr("p.id IN (SELECT project_id FROM project_labels WHERE kind = 'batch' AND name = ?)", *f.Batch))
	}
	if f.Query != nil && strings.TrimSpace(*f.Query) != "" {
		c, err := db.searchCond(ctx, *f.Query)
		if err != nil {
			return nil, err
		}
		w = append(w, c)
	}
	if len(f.Codes) > 0 {
		w = append(w, sq.Eq{"p.code": f.Codes})
	}
	return w, nil
}

func orderBy(sort string) (string, error) {
	if sort == "" {
		return "p.updated_at DESC, p.id DESC", nil
	}
	desc := strings.HasPrefix(sort, "-")
	field := strings.TrimPrefix(strings.TrimPrefix(sort, "-"), "+")
	if !zhaoyin.SortFields[field] {
		return "", zhaoyin.FieldError("sort", "不能按“%s”排序", field)
	}
	if desc {
		return "p." + field + " DESC, p.id DESC", nil
	}
	return "p." + field + " ASC, p.id ASC", nil
}

// FindProjects lists the projects matching f within the caller's scope, and their total.
func (s *ProjectService) FindProjects(ctx context.Context, f zhaoyin.ProjectFilter) ([]*zhaoyin.Project, int, error) {
	select {
	case s.db.lists <- struct{}{}: // in line for a reader (DB.lists)
		defer func() { <-s.db.lists }()
	case <-ctx.Done():
		return nil, 0, internal(ctx.Err())
	}
	order, err := orderBy(f.Sort)
	if err != nil {
		return nil, 0, err
	}
	if s.db.engine == SQLite && onlySearch(f) {
		if out, total, ok, err := s.findBySearch(ctx, f, order); err != nil || ok {
			return out, total, err
		}
	}
	where, err := s.db.projectWhere(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	// The statements are written out rather than built with squirrel, whose builder took
	// 16 us a list for the two of them, more than reading a kept total.
	cond, args, err := where.ToSql()
	if err != nil {
		return nil, 0, internal(err)
	}
	total := -1
	if !f.NoTotal {
		if total, err = s.db.countProjects(ctx, cond, args); err != nil {
			return nil, 0, err
		}
	}
	q := "SELECT " + selectProject + " FROM projects p WHERE " + cond + " ORDER BY " + order
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
	}
	out, err := s.db.readProjects(ctx, s.db.rd, s.db.rebind(q), args)
	if err != nil {
		return nil, 0, err
	}
	if total < 0 {
		total = len(out)
	}
	return out, total, nil
}

// readProjects runs a SELECT of selectProject and returns its projects with their details.
func (db *DB) readProjects(ctx context.Context, q querier, query string, args []any) ([]*zhaoyin.Project, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, internal(err)
	}
	var list []*projectRow
	for rows.Next() {
		r, err := scanProject(rows)
		if err != nil {
			rows.Close()
			return nil, internal(err)
		}
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, internal(err)
	}
	if err := db.loadDetails(ctx, q, list); err != nil {
		return nil, err
	}
	out := make([]*zhaoyin.Project, len(list))
	for i, r := range list {
		out[i] = &r.Project
	}
	return out, nil
}

// countProjects counts the projects matching cond (a projectWhere's SQL, with ?-placeholders
// for args), through the cache of totals (counts.go).
func (db *DB) countProjects(ctx context.Context, cond string, args []any) (int, error) {
	return db.counts.get(ctx, db.rebind("SELECT COUNT(*) FROM projects p WHERE "+cond), args)
}

// loadDetails fills labels, investors and region names for a page of projects (three queries
// whatever the page size).
func (db *DB) loadDetails(ctx context.Context, q querier, list []*projectRow) error {
	if len(list) == 0 {
		return nil
	}
	byID := make(map[int64]*projectRow, len(list))
	ids := make([]any, 0, len(list))
	codes := make([]string, 0, len(list))
	for _, r := range list {
		codes = append(codes, r.RegionCode)
		if r.fill() {
			continue
		}
		byID[r.id] = r
		ids = append(ids, r.id)
	}
	for start := 0; start < len(ids); start += 5000 {
		chunk := ids[start:min(start+5000, len(ids))]
		in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",") + ")"
		// Labels and investors in one statement: a page costs one query fewer.
		query := "SELECT project_id, kind, name, '', 0 FROM project_labels WHERE project_id IN " + in +
			" UNION ALL SELECT pi.project_id, 'investor', e.name, COALESCE(e.uscc, ''), pi.position" +
			" FROM project_investors pi JOIN enterprises e ON e.id = pi.enterprise_id WHERE pi.project_id IN " + in +
			" ORDER BY 1, 2, 5, 3"
		rows, err := q.QueryContext(ctx, db.rebind(query), append(slices.Clone(chunk), chunk...)...)
		if err != nil {
			return internal(err)
		}
		for rows.Next() {
			var id, pos int64
			var kind, name, uscc string
			if err := rows.Scan(&id, &kind, &name, &uscc, &pos); err != nil {
				rows.Close()
				return internal(err)
			}
			switch kind {
			case "tag":
				byID[id].Tags = append(byID[id].Tags, name)
			case "batch":
				byID[id].Batches = append(byID[id].Batches, name)
			default:
				byID[id].Investors = append(byID[id].Investors, zhaoyin.Investor{Name: name, USCC: uscc})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return internal(err)
		}
	}
	names, err := db.regionNames(ctx, q, codes)
	if err != nil {
		return internal(err)
	}
	for _, r := range list {
		r.RegionName = names[r.RegionCode]
	}
	return nil
}

// findProject reads one project within scope; out of scope is "not found", so that another
// district's records do not leak.
func (db *DB) findProject(ctx context.Context, q querier, code string) (*projectRow, error) {
	scope, err := db.scopeWhere(ctx, "")
	if err != nil {
		return nil, err
	}
	query, args, err := db.builder().Select(selectProject).From("projects p").Where(sq.And{scope, sq.Eq{"p.code": code}}).ToSql()
	if err != nil {
		return nil, internal(err)
	}
	r, err := scanProject(q.QueryRowContext(ctx, query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, zhaoyin.Errorf(zhaoyin.ENOTFOUND, "项目 %s 不存在或不在您的管辖范围内", code)
	} else if err != nil {
		return nil, internal(err)
	}
	if err := db.loadDetails(ctx, q, []*projectRow{r}); err != nil {
		return nil, err
	}
	return r, nil
}

// FindProject returns one project.
func (s *ProjectService) FindProject(ctx context.Context, code string) (*zhaoyin.Project, error) {
	r, err := s.db.findProject(ctx, s.db.rd, code)
	if err != nil {
		return nil, err
	}
	return &r.Project, nil
}

// canWrite refuses roles that only read.
func canWrite(ctx context.Context) error {
	if u := zhaoyin.UserFromContext(ctx); u != nil && !u.CanWrite() {
		return zhaoyin.Errorf(zhaoyin.EFORBIDDEN, "您的角色（%s）只能查看，不能修改项目", zhaoyin.LabelOf(zhaoyin.RoleLabels, u.Role))
	}
	return nil
}

// CreateProject stores a new project.
func (s *ProjectService) CreateProject(ctx context.Context, p *zhaoyin.Project) error {
	if err := canWrite(ctx); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	return s.db.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, s.db.rebind("SELECT COUNT(*) FROM projects WHERE code = ?"), p.Code).Scan(&n); err != nil {
			return internal(err)
		}
		if n > 0 {
			return &zhaoyin.Error{Code: zhaoyin.ECONFLICT, Message: fmt.Sprintf("项目编码 %s 已存在", p.Code), Fields: map[string]string{"code": "项目编码已存在"}}
		}
		if err := s.db.writeProjects(ctx, tx, []*zhaoyin.Project{p}, nil, zhaoyin.ActionProjectCreate); err != nil {
			return err
		}
		r, err := s.db.findProject(ctx, tx, p.Code)
		if err != nil {
			return err
		}
		*p = r.Project
		return nil
	})
}

// UpdateProject changes a project if the version read is still current.
func (s *ProjectService) UpdateProject(ctx context.Context, code string, upd zhaoyin.ProjectUpdate) (*zhaoyin.Project, error) {
	return s.change(ctx, code, zhaoyin.ActionProjectUpdate, func(cur, next *zhaoyin.Project) error {
		if upd.Version != cur.Version {
			return zhaoyin.Errorf(zhaoyin.ECONFLICT, "项目 %s 已被他人修改（您读取的是第 %d 版，当前为第 %d 版），请刷新后再改", code, upd.Version, cur.Version)
		}
		upd.Apply(next)
		return next.Validate()
	})
}

// AdvanceStage moves a project one stage on (or drops it), by the lifecycle rules.
func (s *ProjectService) AdvanceStage(ctx context.Context, code string, stage zhaoyin.Stage, on, reason string) (*zhaoyin.Project, error) {
	return s.change(ctx, code, zhaoyin.ActionProjectStage, func(_, next *zhaoyin.Project) error {
		return next.Move(stage, on, reason)
	})
}

// change reads a project in scope inside a write transaction, lets edit change a copy of it
// (refusing with an error leaves everything as it was), writes the copy and returns it as
// stored.
func (s *ProjectService) change(ctx context.Context, code, action string, edit func(cur, next *zhaoyin.Project) error) (*zhaoyin.Project, error) {
	if err := canWrite(ctx); err != nil {
		return nil, err
	}
	var out *zhaoyin.Project
	err := s.db.tx(ctx, func(tx *sql.Tx) error {
		cur, err := s.db.findProject(ctx, tx, code)
		if err != nil {
			return err
		}
		next := cur.Project
		next.Tags, next.Batches, next.Investors = slices.Clone(cur.Tags), slices.Clone(cur.Batches), slices.Clone(cur.Investors)
		if err := edit(&cur.Project, &next); err != nil {
			return err
		}
		if err := s.db.writeProjects(ctx, tx, []*zhaoyin.Project{&next}, map[string]*projectRow{code: cur}, action); err != nil {
			return err
		}
		r, err := s.db.findProject(ctx, tx, code)
		if err != nil {
			return err
		}
		out = &r.Project
		return nil
	})
	return out, err
}

// ProjectHistory lists the project's audit entries, oldest first.
func (s *ProjectService) ProjectHistory(ctx context.Context, code string) ([]*zhaoyin.AuditEntry, error) {
	if _, err := s.db.findProject(ctx, s.db.rd, code); err != nil {
		return nil, err
	}
	rows, err := s.db.rd.QueryContext(ctx, s.db.rebind("SELECT id, at, username, action, object, changes FROM audit_log WHERE object = ? ORDER BY id"), "project:"+code)
	if err != nil {
		return nil, internal(err)
	}
	defer rows.Close()
	out := []*zhaoyin.AuditEntry{}
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, internal(err)
		}
		out = append(out, e)
	}
	return out, internal(rows.Err())
}

// Distinct lists the chains, tags or batches in use within the caller's scope.
func (s *ProjectService) Distinct(ctx context.Context, field string) ([]string, error) {
	scope, err := s.db.scopeWhere(ctx, "")
	if err != nil {
		return nil, err
	}
	var b sq.SelectBuilder
	switch field {
	case "chain":
		b = s.db.builder().Select("DISTINCT p.chain").From("projects p").Where(sq.And{scope, sq.NotEq{"p.chain": ""}}).OrderBy("p.chain")
	case "tag", "batch":
		b = s.db.builder().Select("DISTINCT l.name").From("project_labels l").Join("projects p ON p.id = l.project_id").Where(sq.And{scope, sq.Eq{"l.kind": field}}).OrderBy("l.name")
	default:
		return nil, zhaoyin.FieldError("field", "未知字段 %s", field)
	}
	q, args, err := b.ToSql()
	if err != nil {
		return nil, internal(err)
	}
	rows, err := s.db.rd.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, internal(err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, internal(err)
		}
		out = append(out, v)
	}
	return out, internal(rows.Err())
}

// diff lists the fields that differ between two versions of a project, for the audit log.
func diff(before, after *zhaoyin.Project) []zhaoyin.Change {
	var out []zhaoyin.Change
	bv, av := reflect.ValueOf(before).Elem(), reflect.ValueOf(after).Elem()
	t := bv.Type()
	for i := 0; i < t.NumField(); i++ {
		name := strings.Split(t.Field(i).Tag.Get("json"), ",")[0]
		switch name {
		case "version", "created_at", "updated_at", "region_name", "", "-":
			continue
		}
		b, a := bv.Field(i).Interface(), av.Field(i).Interface()
		if reflect.DeepEqual(b, a) || (isEmptySlice(b) && isEmptySlice(a)) {
			continue
		}
		out = append(out, zhaoyin.Change{Field: name, Before: b, After: a})
	}
	return out
}

func isEmptySlice(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Slice && rv.Len() == 0
}

// created lists the non-empty fields of a new project.
func created(p *zhaoyin.Project) []zhaoyin.Change {
	return diff(&zhaoyin.Project{}, p)
}
