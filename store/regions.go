package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"zhaoyin"
)

type regionRow struct {
	zhaoyin.Region
	Path string
}

// RegionService implements zhaoyin.RegionService.
type RegionService struct{ db *DB }

var _ zhaoyin.RegionService = (*RegionService)(nil)

// NewRegionService returns the region service over db.
func NewRegionService(db *DB) *RegionService { return &RegionService{db: db} }

const regionCols = "code, name, parent_code, kind, path"

func scanRegion(row interface{ Scan(...any) error }) (*regionRow, error) {
	r := &regionRow{}
	err := row.Scan(&r.Code, &r.Name, &r.ParentCode, &r.Kind, &r.Path)
	return r, err
}

// region returns the region with code, from the cache when known. Regions are only ever added,
// never moved, so a cached row stays right on every app server.
func (db *DB) region(ctx context.Context, q querier, code string) (*regionRow, error) {
	db.regionMu.RLock()
	r := db.regionCache[code]
	db.regionMu.RUnlock()
	if r != nil {
		return r, nil
	}
	r, err := scanRegion(q.QueryRowContext(ctx, db.rebind("SELECT "+regionCols+" FROM regions WHERE code = ?"), code))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, zhaoyin.Errorf(zhaoyin.ENOTFOUND, "区域代码 %s 不存在", code)
	} else if err != nil {
		return nil, internal(err)
	}
	db.regionMu.Lock()
	db.regionCache[code] = r
	db.regionMu.Unlock()
	return r, nil
}

// scopePath is the region path the caller is confined to, "" for the whole deployment.
func (db *DB) scopePath(ctx context.Context) (string, error) {
	u := zhaoyin.UserFromContext(ctx)
	code := u.ScopeRegion()
	if code == "" {
		return "", nil
	}
	r, err := db.region(ctx, db.rd, code)
	if err != nil {
		return "", err
	}
	return r.Path, nil
}

// inScope reports whether a region path lies within the caller's scope.
func (db *DB) inScope(ctx context.Context, path string) (bool, error) {
	scope, err := db.scopePath(ctx)
	if err != nil {
		return false, err
	}
	return strings.HasPrefix(path, scope), nil
}

// pathUpper is the least string greater than every string starting with prefix (prefix ends
// in "/", and "0" is the byte after "/"), so that prefix matches are index range scans.
func pathUpper(prefix string) string { return prefix[:len(prefix)-1] + "0" }

// pathCodes lists the regions of a path ("/370000/370700/370705/"), the top one first.
func pathCodes(path string) []string { return strings.Split(strings.Trim(path, "/"), "/") }

// FindRegion returns one region.
func (s *RegionService) FindRegion(ctx context.Context, code string) (*zhaoyin.Region, error) {
	r, err := s.db.region(ctx, s.db.rd, code)
	if err != nil {
		return nil, err
	}
	return &r.Region, nil
}

// FindRegions lists the children of parentCode.
func (s *RegionService) FindRegions(ctx context.Context, parentCode string) ([]*zhaoyin.Region, error) {
	rows, err := s.db.rd.QueryContext(ctx, s.db.rebind("SELECT "+regionCols+" FROM regions WHERE parent_code = ? ORDER BY kind = 'zone', code"), parentCode)
	if err != nil {
		return nil, internal(err)
	}
	defer rows.Close()
	out := []*zhaoyin.Region{}
	for rows.Next() {
		r, err := scanRegion(rows)
		if err != nil {
			return nil, internal(err)
		}
		out = append(out, &r.Region)
	}
	return out, internal(rows.Err())
}

var regionCodeRE = regexp.MustCompile(`^[0-9A-Za-z]{2,12}$`)

// CreateRegion adds a functional zone (or another region) below an existing one.
func (s *RegionService) CreateRegion(ctx context.Context, r *zhaoyin.Region) error {
	u := zhaoyin.UserFromContext(ctx)
	if u != nil && u.Role != zhaoyin.RoleAdmin && u.Role != zhaoyin.RoleCity {
		return zhaoyin.Errorf(zhaoyin.EFORBIDDEN, "只有管理员和市级招商部门可以添加区域")
	}
	r.Code, r.Name = strings.TrimSpace(r.Code), strings.TrimSpace(r.Name)
	if r.Kind == "" {
		r.Kind = zhaoyin.RegionZone
	}
	switch {
	case !regionCodeRE.MatchString(r.Code):
		return zhaoyin.FieldError("code", "区域代码“%s”无效：应为 2–12 位数字或字母", r.Code)
	case r.Name == "":
		return zhaoyin.FieldError("name", "区域名称不能为空")
	case strings.Contains(r.Name, "/"):
		return zhaoyin.FieldError("name", "区域名称不能包含 /")
	case r.Kind != zhaoyin.RegionZone && r.Kind != zhaoyin.RegionCounty && r.Kind != zhaoyin.RegionCity:
		return zhaoyin.FieldError("kind", "区域类型“%s”无效，应为 zone（功能区）", r.Kind)
	case r.ParentCode == "":
		return zhaoyin.FieldError("parent_code", "请指定上级区域")
	}
	parent, err := s.db.region(ctx, s.db.rd, r.ParentCode)
	if err != nil {
		return zhaoyin.FieldError("parent_code", "上级区域 %s 不存在", r.ParentCode)
	}
	if ok, err := s.db.inScope(ctx, parent.Path); err != nil {
		return err
	} else if !ok {
		return zhaoyin.Errorf(zhaoyin.EFORBIDDEN, "不能在您的管辖范围之外添加区域")
	}
	path := parent.Path + r.Code + "/"
	defer s.db.forgetLeaf(parent.Code)
	return s.db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.db.rebind("INSERT INTO regions (code, name, parent_code, kind, path) VALUES (?,?,?,?,?)"), r.Code, r.Name, r.ParentCode, r.Kind, path)
		if isUniqueViolation(err) {
			return zhaoyin.Errorf(zhaoyin.ECONFLICT, "区域代码 %s 已存在", r.Code)
		} else if err != nil {
			return internal(err)
		}
		return s.db.audit(ctx, tx, zhaoyin.ActionRegionCreate, "region:"+r.Code, []zhaoyin.Change{{Field: "name", After: r.Name}, {Field: "parent_code", After: r.ParentCode}})
	})
}

// ResolveRegion turns a code, a name unique in the deployment, or a path such as
// 潍坊市/高新区 into a region.
func (s *RegionService) ResolveRegion(ctx context.Context, text string) (*zhaoyin.Region, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, zhaoyin.Errorf(zhaoyin.EINVALID, "所属区域不能为空")
	}
	if regionCodeRE.MatchString(text) {
		if r, err := s.db.region(ctx, s.db.rd, text); err == nil {
			return &r.Region, nil
		}
	}
	parts := strings.Split(strings.Trim(text, "/"), "/")
	// Candidates for the last part, then keep those whose ancestors match the earlier parts.
	rows, err := s.db.rd.QueryContext(ctx, s.db.rebind("SELECT "+regionCols+" FROM regions WHERE name = ?"), strings.TrimSpace(parts[len(parts)-1]))
	if err != nil {
		return nil, internal(err)
	}
	var cands []*regionRow
	for rows.Next() {
		r, err := scanRegion(rows)
		if err != nil {
			rows.Close()
			return nil, internal(err)
		}
		cands = append(cands, r)
	}
	rows.Close()
	var matches []*regionRow
	for _, c := range cands {
		if s.ancestorsMatch(ctx, c, parts[:len(parts)-1]) {
			matches = append(matches, c)
		}
	}
	switch len(matches) {
	case 0:
		return nil, zhaoyin.Errorf(zhaoyin.EINVALID, "区域“%s”不存在，请填写区域代码、唯一的区域名称或路径（如 潍坊市/高新区）", text)
	case 1:
		return &matches[0].Region, nil
	}
	var names []string
	for _, m := range matches {
		names = append(names, s.fullName(ctx, m)+"（"+m.Code+"）")
	}
	return nil, zhaoyin.Errorf(zhaoyin.EINVALID, "区域名称“%s”不唯一，可能是：%s；请填写区域代码或路径", text, strings.Join(names, "、"))
}

// ancestorsMatch checks that the names before the last part of a path are ancestors of r, in
// order (not necessarily adjacent: 山东省/高新区 is fine when unique).
func (s *RegionService) ancestorsMatch(ctx context.Context, r *regionRow, names []string) bool {
	if len(names) == 0 {
		return true
	}
	codes := pathCodes(r.Path)
	codes = codes[:len(codes)-1]
	j := len(names) - 1
	for i := len(codes) - 1; i >= 0 && j >= 0; i-- {
		a, err := s.db.region(ctx, s.db.rd, codes[i])
		if err != nil {
			return false
		}
		if a.Name == strings.TrimSpace(names[j]) {
			j--
		}
	}
	return j < 0
}

// fullName writes a region with its ancestors: 山东省/潍坊市/高新区.
func (s *RegionService) fullName(ctx context.Context, r *regionRow) string {
	var names []string
	for _, code := range pathCodes(r.Path) {
		a, err := s.db.region(ctx, s.db.rd, code)
		if err != nil {
			return r.Name
		}
		names = append(names, a.Name)
	}
	return strings.Join(names, "/")
}

// regionNames returns code → name for the given codes, reading through q those not yet known
// (a caller holding a read transaction passes it: it must not wait for a second connection).
func (db *DB) regionNames(ctx context.Context, q querier, codes []string) (map[string]string, error) {
	out := map[string]string{}
	var missing []string
	db.regionMu.RLock()
	for _, c := range codes {
		if r, ok := db.regionCache[c]; ok {
			out[c] = r.Name
		} else {
			missing = append(missing, c)
		}
	}
	db.regionMu.RUnlock()
	for _, c := range missing {
		if _, ok := out[c]; ok {
			continue
		}
		r, err := db.region(ctx, q, c)
		if err != nil {
			return nil, fmt.Errorf("region %s: %w", c, err)
		}
		out[c] = r.Name
	}
	return out, nil
}
