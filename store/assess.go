package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	sq "github.com/Masterminds/squirrel"

	"zhaoyin"
)

// AssessmentService implements zhaoyin.AssessmentService: the yearly schemes of the district
// competition (比拼) and their scores.
type AssessmentService struct{ db *DB }

var _ zhaoyin.AssessmentService = (*AssessmentService)(nil)

// NewAssessmentService returns the assessment service over db.
func NewAssessmentService(db *DB) *AssessmentService { return &AssessmentService{db: db} }

type schemeRow struct {
	zhaoyin.AssessmentScheme
	path string
}

const selectScheme = "s.id, s.year, s.region_code, r.name, r.path, s.name, s.version, s.updated_by, s.updated_at"

// querySchemes reads the schemes matching where that the caller may see (those of the city
// the caller belongs to, or of any city for the city bureau), with their indicators.
func (db *DB) querySchemes(ctx context.Context, q querier, where sq.Sqlizer, suffix string) ([]*schemeRow, error) {
	scope, err := db.regionScopeCond(ctx)
	if err != nil {
		return nil, err
	}
	query, args, err := db.builder().Select(selectScheme).From("assessment_schemes s").Join("regions r ON r.code = s.region_code").
		Where(sq.And{scope, where}).OrderBy("s.year DESC", "r.path", "s.id").Suffix(suffix).ToSql()
	if err != nil {
		return nil, internal(err)
	}
	rs, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, internal(err)
	}
	var out []*schemeRow
	byID := map[int64]*schemeRow{}
	for rs.Next() {
		s := &schemeRow{}
		var updated string
		if err := rs.Scan(&s.ID, &s.Year, &s.RegionCode, &s.RegionName, &s.path, &s.Name, &s.Version, &s.UpdatedBy, &updated); err != nil {
			rs.Close()
			return nil, internal(err)
		}
		if t := parseTime(updated); t != nil {
			s.UpdatedAt = *t
		}
		s.Indicators = []zhaoyin.AssessmentIndicator{}
		out = append(out, s)
		byID[s.ID] = s
	}
	rs.Close()
	if err := rs.Err(); err != nil || len(out) == 0 {
		return out, internal(err)
	}
	ids := slices.Collect(maps.Keys(byID))
	in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + ")"
	args = make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rs, err = q.QueryContext(ctx, db.rebind("SELECT i.id, i.scheme_id, i.key, i.label, i.weight, i.method, i.cap, i.target, COALESCE(t.region_code, ''), COALESCE(t.target, 0) "+
		"FROM assessment_indicators i LEFT JOIN assessment_targets t ON t.indicator_id = i.id WHERE i.scheme_id IN "+in+" ORDER BY i.scheme_id, i.position, t.region_code"), args...)
	if err != nil {
		return nil, internal(err)
	}
	defer rs.Close()
	lastID := int64(-1)
	for rs.Next() {
		var id, schemeID int64
		var in zhaoyin.AssessmentIndicator
		var region string
		var target int64
		if err := rs.Scan(&id, &schemeID, &in.Key, &in.Label, &in.Weight, &in.Method, &in.Cap, &in.Target, &region, &target); err != nil {
			return nil, internal(err)
		}
		s := byID[schemeID]
		if id != lastID {
			in.Targets = map[string]int64{}
			s.Indicators = append(s.Indicators, in)
			lastID = id
		}
		if region != "" {
			s.Indicators[len(s.Indicators)-1].Targets[region] = target
		}
	}
	return out, internal(rs.Err())
}

func (db *DB) findScheme(ctx context.Context, q querier, id int64, suffix string) (*schemeRow, error) {
	list, err := db.querySchemes(ctx, q, sq.Eq{"s.id": id}, suffix)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, zhaoyin.Errorf(zhaoyin.ENOTFOUND, "考核方案 %d 不存在或不在您的管辖范围内", id)
	}
	return list[0], nil
}

// FindSchemes lists the schemes of a year (0 = every year) the caller may see.
func (s *AssessmentService) FindSchemes(ctx context.Context, year int) ([]*zhaoyin.AssessmentScheme, error) {
	where := sq.And{}
	if year != 0 {
		where = append(where, sq.Eq{"s.year": year})
	}
	list, err := s.db.querySchemes(ctx, s.db.read, where, "")
	if err != nil {
		return nil, err
	}
	out := make([]*zhaoyin.AssessmentScheme, len(list))
	for i, r := range list {
		out[i] = &r.AssessmentScheme
	}
	return out, nil
}

// FindScheme returns one scheme.
func (s *AssessmentService) FindScheme(ctx context.Context, id int64) (*zhaoyin.AssessmentScheme, error) {
	r, err := s.db.findScheme(ctx, s.db.read, id, "")
	if err != nil {
		return nil, err
	}
	return &r.AssessmentScheme, nil
}

// checkTargets refuses per-region targets for regions that do not compete in city's scheme.
func (db *DB) checkTargets(ctx context.Context, city *regionRow, sc *zhaoyin.AssessmentScheme) error {
	groups, err := db.cityGroups(zhaoyin.NewContextWithUser(ctx, nil), city, "")
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, g := range groups {
		known[g.code] = true
	}
	for i, in := range sc.Indicators {
		for code := range in.Targets {
			if !known[code] {
				return zhaoyin.FieldError(fmt.Sprintf("indicators[%d].targets", i), "指标“%s”的目标区域 %s 不是%s下辖的区域", in.Label, code, city.Name)
			}
		}
	}
	return nil
}

// writeIndicators stores a scheme's indicators and targets (after its old ones were deleted).
func (db *DB) writeIndicators(ctx context.Context, tx *sql.Tx, id int64, list []zhaoyin.AssessmentIndicator) error {
	for pos, in := range list {
		var iid int64
		if err := tx.QueryRowContext(ctx, db.rebind("INSERT INTO assessment_indicators (scheme_id, position, key, label, weight, method, cap, target) VALUES (?,?,?,?,?,?,?,?) RETURNING id"),
			id, pos, in.Key, in.Label, in.Weight, in.Method, in.Cap, in.Target).Scan(&iid); err != nil {
			return internal(err)
		}
		var rows [][]any
		for _, code := range slices.Sorted(maps.Keys(in.Targets)) {
			rows = append(rows, []any{iid, code, in.Targets[code]})
		}
		if err := db.insertMany(ctx, tx, "assessment_targets (indicator_id, region_code, target)", rows); err != nil {
			return err
		}
	}
	return nil
}

func schemeObject(id int64) string { return fmt.Sprintf("assessment:%d", id) }

// CreateScheme stores a new scheme for a city (the caller's, unless it names one).
func (s *AssessmentService) CreateScheme(ctx context.Context, sc *zhaoyin.AssessmentScheme) error {
	if err := cityOnly(ctx, "配置考核方案"); err != nil {
		return err
	}
	if err := sc.Validate(); err != nil {
		return err
	}
	city, err := s.db.cityFor(ctx, sc.RegionCode)
	if err != nil {
		return err
	}
	if sc.RegionCode != "" && city.Code != sc.RegionCode {
		return zhaoyin.FieldError("region_code", "考核方案应按城市设置：%s 不是城市，是否指 %s（%s）？", sc.RegionCode, city.Name, city.Code)
	}
	if err := s.db.checkTargets(ctx, city, sc); err != nil {
		return err
	}
	return s.db.tx(ctx, func(tx *sql.Tx) error {
		now, who := s.db.nowText(), actor(ctx)
		var id int64
		err := tx.QueryRowContext(ctx, s.db.rebind("INSERT INTO assessment_schemes (year, region_code, name, created_by, created_at, updated_by, updated_at) VALUES (?,?,?,?,?,?,?) RETURNING id"),
			sc.Year, city.Code, sc.Name, who, now, who, now).Scan(&id)
		if isUniqueViolation(err) {
			return zhaoyin.Errorf(zhaoyin.ECONFLICT, "%s%d年已有名为“%s”的考核方案", city.Name, sc.Year, sc.Name)
		} else if err != nil {
			return internal(err)
		}
		if err := s.db.writeIndicators(ctx, tx, id, sc.Indicators); err != nil {
			return err
		}
		if err := s.db.audit(ctx, tx, zhaoyin.ActionSchemeCreate, schemeObject(id), []zhaoyin.Change{
			{Field: "year", After: sc.Year}, {Field: "region_code", After: city.Code}, {Field: "name", After: sc.Name}, {Field: "indicators", After: sc.Indicators},
		}); err != nil {
			return err
		}
		r, err := s.db.findScheme(ctx, tx, id, "")
		if err != nil {
			return err
		}
		*sc = r.AssessmentScheme
		return nil
	})
}

// UpdateScheme replaces a scheme's year, name and indicators (its city stays).
func (s *AssessmentService) UpdateScheme(ctx context.Context, id int64, sc *zhaoyin.AssessmentScheme) (*zhaoyin.AssessmentScheme, error) {
	if err := cityOnly(ctx, "配置考核方案"); err != nil {
		return nil, err
	}
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	var out *zhaoyin.AssessmentScheme
	err := s.db.tx(ctx, func(tx *sql.Tx) error {
		cur, err := s.db.findScheme(ctx, tx, id, "")
		if err != nil {
			return err
		}
		if sc.RegionCode != "" && sc.RegionCode != cur.RegionCode {
			return zhaoyin.FieldError("region_code", "考核方案所属城市不能修改")
		}
		if sc.Version != 0 && sc.Version != cur.Version {
			return zhaoyin.Errorf(zhaoyin.ECONFLICT, "考核方案已被他人修改（您读取的是第 %d 版，当前为第 %d 版），请刷新后再改", sc.Version, cur.Version)
		}
		city, err := s.db.region(ctx, tx, cur.RegionCode)
		if err != nil {
			return err
		}
		if err := s.db.checkTargets(ctx, city, sc); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, s.db.rebind("UPDATE assessment_schemes SET year = ?, name = ?, version = version + 1, updated_by = ?, updated_at = ? WHERE id = ? AND version = ?"),
			sc.Year, sc.Name, actor(ctx), s.db.nowText(), id, cur.Version)
		if isUniqueViolation(err) {
			return zhaoyin.Errorf(zhaoyin.ECONFLICT, "%s%d年已有名为“%s”的考核方案", city.Name, sc.Year, sc.Name)
		} else if err != nil {
			return internal(err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return zhaoyin.Errorf(zhaoyin.ECONFLICT, "考核方案已被他人修改，请刷新后再改")
		}
		if _, err := tx.ExecContext(ctx, s.db.rebind("DELETE FROM assessment_indicators WHERE scheme_id = ?"), id); err != nil {
			return internal(err)
		}
		if err := s.db.writeIndicators(ctx, tx, id, sc.Indicators); err != nil {
			return err
		}
		var changes []zhaoyin.Change
		if cur.Year != sc.Year {
			changes = append(changes, zhaoyin.Change{Field: "year", Before: cur.Year, After: sc.Year})
		}
		if cur.Name != sc.Name {
			changes = append(changes, zhaoyin.Change{Field: "name", Before: cur.Name, After: sc.Name})
		}
		changes = append(changes, zhaoyin.Change{Field: "indicators", Before: cur.Indicators, After: sc.Indicators})
		if err := s.db.audit(ctx, tx, zhaoyin.ActionSchemeUpdate, schemeObject(id), changes); err != nil {
			return err
		}
		r, err := s.db.findScheme(ctx, tx, id, "")
		if err != nil {
			return err
		}
		out = &r.AssessmentScheme
		return nil
	})
	return out, err
}

// DeleteScheme removes a scheme (the audit log keeps what it was).
func (s *AssessmentService) DeleteScheme(ctx context.Context, id int64) error {
	if err := cityOnly(ctx, "删除考核方案"); err != nil {
		return err
	}
	return s.db.tx(ctx, func(tx *sql.Tx) error {
		cur, err := s.db.findScheme(ctx, tx, id, "")
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.db.rebind("DELETE FROM assessment_schemes WHERE id = ?"), id); err != nil {
			return internal(err)
		}
		return s.db.audit(ctx, tx, zhaoyin.ActionSchemeDelete, schemeObject(id), []zhaoyin.Change{
			{Field: "year", Before: cur.Year}, {Field: "region_code", Before: cur.RegionCode}, {Field: "name", Before: cur.Name}, {Field: "indicators", Before: cur.Indicators},
		})
	})
}

// Scores computes every region's figures for the scheme's year, scores and ranks them.
//
// Ranks need every district's figures, so the figures are computed over the whole city
// whatever the caller's scope; a caller confined to a district then receives only its own
// line (with its rank among all). Figures follow DOMAIN.md: funds arrived and investment
// completed are summed from the monthly reports of the year; counts and amounts take the
// projects whose signed or started date falls in the year.
func (s *AssessmentService) Scores(ctx context.Context, id int64) (*zhaoyin.Assessment, error) {
	sc, err := s.db.findScheme(ctx, s.db.read, id, "")
	if err != nil {
		return nil, err
	}
	city, err := s.db.region(ctx, s.db.read, sc.RegionCode)
	if err != nil {
		return nil, err
	}
	sys := zhaoyin.NewContextWithUser(ctx, nil)
	groups, err := s.db.cityGroups(sys, city, "")
	if err != nil {
		return nil, err
	}
	actual, err := s.db.yearFigures(ctx, city, sc.Year)
	if err != nil {
		return nil, err
	}
	regions := make([]zhaoyin.Region, len(groups))
	for i, g := range groups {
		regions[i] = zhaoyin.Region{Code: g.code, Name: g.name}
	}
	scored := zhaoyin.ScoreAssessment(&sc.AssessmentScheme, regions, actual)
	scope, err := s.db.scopePath(ctx)
	if err != nil {
		return nil, err
	}
	out := &zhaoyin.Assessment{Scheme: &sc.AssessmentScheme, From: fmt.Sprintf("%04d-01-01", sc.Year), To: fmt.Sprintf("%04d-12-31", sc.Year), Count: len(scored), Regions: []zhaoyin.AssessmentRegionScore{}}
	for _, r := range scored {
		if overlaps(city.Path+r.RegionCode+"/", scope) {
			out.Regions = append(out.Regions, r)
		}
	}
	return out, nil
}

// yearFigures returns, for each region directly below city, every indicator's actual figure
// for the year: region code → indicator key → figure. They are the district ranking's figures
// of store/stats.go (DOMAIN.md's definitions, written once), computed as the system over the
// whole city: see Scores.
func (db *DB) yearFigures(ctx context.Context, city *regionRow, year int) (map[string]map[string]int64, error) {
	from, to := fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year)
	rk, err := NewStatsService(db).Ranking(zhaoyin.NewContextWithUser(ctx, nil), city.Code, from, to)
	if err != nil {
		return nil, err
	}
	out := make(map[string]map[string]int64, len(rk.Rows))
	for _, r := range rk.Rows {
		out[r.Key] = map[string]int64{
			zhaoyin.IndicatorFundsArrived:       r.FundsArrivedYuan,
			zhaoyin.IndicatorInvested:           r.InvestedYuan,
			zhaoyin.IndicatorSignedCount:        r.SignedCount,
			zhaoyin.IndicatorSignedAmount:       r.SignedAmountYuan,
			zhaoyin.IndicatorStartedCount:       r.StartedCount,
			zhaoyin.IndicatorOverYiCount:        r.OverYiCount,
			zhaoyin.IndicatorManufacturingShare: int64(math.Round(r.ManufacturingShare * 100)), // back to 0.01%
		}
	}
	return out, nil
}
