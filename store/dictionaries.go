package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode"

	sq "github.com/Masterminds/squirrel"

	"zhaoyin"
)

// DictionaryService implements zhaoyin.DictionaryService over dictionary_entries and the
// values in use on projects (see migrations/00008_dictionaries.sql).
type DictionaryService struct{ db *DB }

var _ zhaoyin.DictionaryService = (*DictionaryService)(nil)

// NewDictionaryService returns the dictionary store over db.
func NewDictionaryService(db *DB) *DictionaryService { return &DictionaryService{db: db} }

func dictKind(kind string) error {
	if _, ok := zhaoyin.ValueOf(zhaoyin.DictKindLabels, kind); !ok || kind == "" {
		return zhaoyin.FieldError("kind", "未知的字典“%s”：应为 chain（产业链）、tag（标签）或 batch（批次）", kind)
	}
	return nil
}

func dictLabel(kind string) string { return zhaoyin.LabelOf(zhaoyin.DictKindLabels, kind) }

// dictWriter refuses everyone but administrators and the city bureau (the system passes).
func dictWriter(ctx context.Context) error {
	if u := zhaoyin.UserFromContext(ctx); u != nil && u.Role != zhaoyin.RoleAdmin && u.Role != zhaoyin.RoleCity {
		return zhaoyin.Errorf(zhaoyin.EFORBIDDEN, "只有管理员和市级招商部门可以维护字典")
	}
	return nil
}

const maxDictName = 60

// dictName trims and checks a value's name. Tags and batches are written in one cell of the
// import sheet separated by 、 , ， ; ；, so a name holding one of them could not be imported.
func dictName(kind, field, name string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", zhaoyin.FieldError(field, "请填写%s名称", dictLabel(kind))
	case len([]rune(name)) > maxDictName:
		return "", zhaoyin.FieldError(field, "%s名称不能超过 %d 个字", dictLabel(kind), maxDictName)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return "", zhaoyin.FieldError(field, "%s名称不能包含换行或控制字符", dictLabel(kind))
	case kind != zhaoyin.DictChain && strings.ContainsAny(name, "、,，;；"):
		return "", zhaoyin.FieldError(field, "%s名称不能包含顿号、逗号或分号（导入表格用它们分隔多个%s）", dictLabel(kind), dictLabel(kind))
	}
	return name, nil
}

const dictCols = "name, description, sort_order, retired, created_at, updated_at"

func scanDict(kind string, row interface{ Scan(...any) error }) (*zhaoyin.DictEntry, error) {
	e := &zhaoyin.DictEntry{Kind: kind, Registered: true}
	var created, updated string
	if err := row.Scan(&e.Name, &e.Description, &e.SortOrder, &e.Retired, &created, &updated); err != nil {
		return nil, err
	}
	if t, err := time.Parse("2006-01-02T15:04:05.000Z", created); err == nil {
		e.CreatedAt = &t
	}
	if t, err := time.Parse("2006-01-02T15:04:05.000Z", updated); err == nil {
		e.UpdatedAt = &t
	}
	return e, nil
}

// usage counts the projects using each value of kind, within scope (nil: every project).
func (db *DB) dictUsage(ctx context.Context, q querier, kind string, scope sq.Sqlizer, only *string) (map[string]int, error) {
	where := sq.And{}
	if scope != nil {
		where = append(where, scope)
	}
	var b sq.SelectBuilder
	if kind == zhaoyin.DictChain {
		where = append(where, sq.NotEq{"p.chain": ""})
		if only != nil {
			where = append(where, sq.Eq{"p.chain": *only})
		}
		b = db.builder().Select("p.chain", "COUNT(*)").From("projects p").Where(where).GroupBy("p.chain")
	} else {
		where = append(where, sq.Eq{"l.kind": kind})
		if only != nil {
			where = append(where, sq.Eq{"l.name": *only})
		}
		b = db.builder().Select("l.name", "COUNT(*)").From("project_labels l").Join("projects p ON p.id = l.project_id").Where(where).GroupBy("l.name")
	}
	query, args, err := b.ToSql()
	if err != nil {
		return nil, internal(err)
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, internal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			return nil, internal(err)
		}
		out[name] = n
	}
	return out, internal(rows.Err())
}

// FindDictEntries lists the registered entries of kind merged with the values in use within
// the caller's scope, each with its project count in that scope.
func (s *DictionaryService) FindDictEntries(ctx context.Context, kind, q string) ([]*zhaoyin.DictEntry, error) {
	if err := dictKind(kind); err != nil {
		return nil, err
	}
	scope, err := s.db.scopeWhere(ctx, "")
	if err != nil {
		return nil, err
	}
	used, err := s.db.dictUsage(ctx, s.db.rd, kind, scope, nil)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.rd.QueryContext(ctx, s.db.rebind("SELECT "+dictCols+" FROM dictionary_entries WHERE kind = ?"), kind)
	if err != nil {
		return nil, internal(err)
	}
	defer rows.Close()
	out := []*zhaoyin.DictEntry{}
	seen := map[string]bool{}
	for rows.Next() {
		e, err := scanDict(kind, rows)
		if err != nil {
			return nil, internal(err)
		}
		e.ProjectCount = used[e.Name]
		seen[e.Name] = true
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err)
	}
	for name, n := range used {
		if !seen[name] {
			out = append(out, &zhaoyin.DictEntry{Kind: kind, Name: name, ProjectCount: n})
		}
	}
	if q = strings.ToLower(strings.TrimSpace(q)); q != "" {
		out = slices.DeleteFunc(out, func(e *zhaoyin.DictEntry) bool {
			return !strings.Contains(strings.ToLower(e.Name), q) && !strings.Contains(strings.ToLower(e.Description), q)
		})
	}
	slices.SortFunc(out, func(a, b *zhaoyin.DictEntry) int {
		if a.SortOrder != b.SortOrder {
			return a.SortOrder - b.SortOrder
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out, nil
}

// findDict reads one entry inside a write transaction: its row (nil when not registered) and
// the number of projects using it anywhere in the deployment.
func (db *DB) findDict(ctx context.Context, tx *sql.Tx, kind, name string) (*zhaoyin.DictEntry, int, error) {
	used, err := db.dictUsage(ctx, tx, kind, nil, &name)
	if err != nil {
		return nil, 0, err
	}
	e, err := scanDict(kind, tx.QueryRowContext(ctx, db.rebind("SELECT "+dictCols+" FROM dictionary_entries WHERE kind = ? AND name = ?"), kind, name))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, used[name], nil
	} else if err != nil {
		return nil, 0, internal(err)
	}
	e.ProjectCount = used[name]
	return e, used[name], nil
}

func dictObject(kind string) string { return "dictionary:" + kind }

// CreateDictEntry registers a new value.
func (s *DictionaryService) CreateDictEntry(ctx context.Context, e *zhaoyin.DictEntry) error {
	if err := dictWriter(ctx); err != nil {
		return err
	}
	if err := dictKind(e.Kind); err != nil {
		return err
	}
	name, err := dictName(e.Kind, "name", e.Name)
	if err != nil {
		return err
	}
	e.Name, e.Description = name, strings.TrimSpace(e.Description)
	return s.db.tx(ctx, func(tx *sql.Tx) error {
		cur, n, err := s.db.findDict(ctx, tx, e.Kind, e.Name)
		if err != nil {
			return err
		}
		if cur != nil || n > 0 {
			return &zhaoyin.Error{Code: zhaoyin.ECONFLICT, Message: "字典中已有" + dictLabel(e.Kind) + "“" + e.Name + "”", Fields: map[string]string{"name": "名称已存在"}}
		}
		now := s.db.nowText()
		if _, err := tx.ExecContext(ctx, s.db.rebind("INSERT INTO dictionary_entries (kind, "+dictCols+") VALUES (?,?,?,?,?,?,?)"),
			e.Kind, e.Name, e.Description, e.SortOrder, e.Retired, now, now); err != nil {
			if isUniqueViolation(err) {
				return zhaoyin.Errorf(zhaoyin.ECONFLICT, "字典中已有%s“%s”", dictLabel(e.Kind), e.Name)
			}
			return internal(err)
		}
		if err := s.db.audit(ctx, tx, zhaoyin.ActionDictCreate, dictObject(e.Kind), []zhaoyin.Change{
			{Field: "name", Before: nil, After: e.Name}, {Field: "description", Before: nil, After: e.Description},
			{Field: "sort_order", Before: nil, After: e.SortOrder}, {Field: "retired", Before: nil, After: e.Retired},
		}); err != nil {
			return err
		}
		created, _, err := s.db.findDict(ctx, tx, e.Kind, e.Name)
		if err != nil {
			return err
		}
		*e = *created
		return nil
	})
}

// UpdateDictEntry changes an entry's description, order or retirement. A value only in use
// gets its row here.
func (s *DictionaryService) UpdateDictEntry(ctx context.Context, kind, name string, upd zhaoyin.DictEntryUpdate) (*zhaoyin.DictEntry, error) {
	if err := dictWriter(ctx); err != nil {
		return nil, err
	}
	if err := dictKind(kind); err != nil {
		return nil, err
	}
	var out *zhaoyin.DictEntry
	err := s.db.tx(ctx, func(tx *sql.Tx) error {
		cur, n, err := s.db.findDict(ctx, tx, kind, name)
		if err != nil {
			return err
		}
		now := s.db.nowText()
		if cur == nil {
			if n == 0 {
				return zhaoyin.Errorf(zhaoyin.ENOTFOUND, "字典中没有%s“%s”", dictLabel(kind), name)
			}
			if _, err := tx.ExecContext(ctx, s.db.rebind("INSERT INTO dictionary_entries (kind, "+dictCols+") VALUES (?,?,'',0,FALSE,?,?)"), kind, name, now, now); err != nil {
				return internal(err)
			}
			cur = &zhaoyin.DictEntry{Kind: kind, Name: name}
		}
		next := *cur
		if upd.Description != nil {
			next.Description = strings.TrimSpace(*upd.Description)
			if len([]rune(next.Description)) > 500 {
				return zhaoyin.FieldError("description", "说明不能超过 500 个字")
			}
		}
		if upd.SortOrder != nil {
			next.SortOrder = *upd.SortOrder
		}
		if upd.Retired != nil {
			next.Retired = *upd.Retired
		}
		var changes []zhaoyin.Change
		if next.Description != cur.Description {
			changes = append(changes, zhaoyin.Change{Field: "description", Before: cur.Description, After: next.Description})
		}
		if next.SortOrder != cur.SortOrder {
			changes = append(changes, zhaoyin.Change{Field: "sort_order", Before: cur.SortOrder, After: next.SortOrder})
		}
		if next.Retired != cur.Retired {
			changes = append(changes, zhaoyin.Change{Field: "retired", Before: cur.Retired, After: next.Retired})
		}
		if len(changes) > 0 {
			if _, err := tx.ExecContext(ctx, s.db.rebind("UPDATE dictionary_entries SET description = ?, sort_order = ?, retired = ?, updated_at = ? WHERE kind = ? AND name = ?"),
				next.Description, next.SortOrder, next.Retired, now, kind, name); err != nil {
				return internal(err)
			}
			changes = append([]zhaoyin.Change{{Field: "name", Before: name, After: name}}, changes...)
			if err := s.db.audit(ctx, tx, zhaoyin.ActionDictUpdate, dictObject(kind), changes); err != nil {
				return err
			}
		}
		out, _, err = s.db.findDict(ctx, tx, kind, name)
		return err
	})
	return out, err
}

// RenameDictEntry renames a value on its entry and on every project using it. Each project
// changed gets its own audit entry and a new version (an edit begun on the old version then
// fails as stale instead of writing the old name back).
func (s *DictionaryService) RenameDictEntry(ctx context.Context, kind, name, to string, merge bool) (*zhaoyin.DictEntry, int, error) {
	if err := dictWriter(ctx); err != nil {
		return nil, 0, err
	}
	if err := dictKind(kind); err != nil {
		return nil, 0, err
	}
	to, err := dictName(kind, "to", to)
	if err != nil {
		return nil, 0, err
	}
	if to == name {
		return nil, 0, zhaoyin.FieldError("to", "新名称与原名称相同")
	}
	var out *zhaoyin.DictEntry
	changed := 0
	err = s.db.tx(ctx, func(tx *sql.Tx) error {
		src, n, err := s.db.findDict(ctx, tx, kind, name)
		if err != nil {
			return err
		}
		if src == nil && n == 0 {
			return zhaoyin.Errorf(zhaoyin.ENOTFOUND, "字典中没有%s“%s”", dictLabel(kind), name)
		}
		dst, dn, err := s.db.findDict(ctx, tx, kind, to)
		if err != nil {
			return err
		}
		if (dst != nil || dn > 0) && !merge {
			return &zhaoyin.Error{Code: zhaoyin.ECONFLICT,
				Message: "已有" + dictLabel(kind) + "“" + to + "”；如要把“" + name + "”并入它，请选择合并",
				Fields:  map[string]string{"to": "名称已存在"}}
		}
		if changed, err = s.db.renameOnProjects(ctx, tx, kind, name, to); err != nil {
			return err
		}
		now := s.db.nowText()
		switch {
		case src != nil && dst != nil:
			// Merged: the target keeps its own description and order.
			if _, err := tx.ExecContext(ctx, s.db.rebind("DELETE FROM dictionary_entries WHERE kind = ? AND name = ?"), kind, name); err != nil {
				return internal(err)
			}
		case src != nil:
			if _, err := tx.ExecContext(ctx, s.db.rebind("UPDATE dictionary_entries SET name = ?, updated_at = ? WHERE kind = ? AND name = ?"), to, now, kind, name); err != nil {
				return internal(err)
			}
		}
		if err := s.db.audit(ctx, tx, zhaoyin.ActionDictRename, dictObject(kind), []zhaoyin.Change{
			{Field: "name", Before: name, After: to}, {Field: "merge", Before: nil, After: dst != nil || dn > 0},
			{Field: "projects", Before: nil, After: changed},
		}); err != nil {
			return err
		}
		out, n, err = s.db.findDict(ctx, tx, kind, to)
		if err != nil {
			return err
		}
		if out == nil {
			out = &zhaoyin.DictEntry{Kind: kind, Name: to, ProjectCount: n}
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	return out, changed, nil
}

// renameOnProjects replaces name by to on every project using it, through writeProjects (the
// one write path: versions, labels, audit entries).
func (db *DB) renameOnProjects(ctx context.Context, tx *sql.Tx, kind, name, to string) (int, error) {
	var ids sq.Sqlizer
	if kind == zhaoyin.DictChain {
		ids = sq.Eq{"p.chain": name}
	} else {
		ids = sq.Expr("p.id IN (SELECT project_id FROM project_labels WHERE kind = ? AND name = ?)", kind, name)
	}
	q, args, err := db.builder().Select(selectProject).From("projects p").Where(ids).OrderBy("p.id").ToSql()
	if err != nil {
		return 0, internal(err)
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return 0, internal(err)
	}
	var list []*projectRow
	for rows.Next() {
		r, err := scanProject(rows)
		if err != nil {
			rows.Close()
			return 0, internal(err)
		}
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, internal(err)
	}
	if len(list) == 0 {
		return 0, nil
	}
	if err := db.loadDetails(ctx, tx, list); err != nil {
		return 0, err
	}
	before := make(map[string]*projectRow, len(list))
	next := make([]*zhaoyin.Project, 0, len(list))
	replace := func(in []string) []string {
		out := make([]string, 0, len(in))
		for _, v := range in {
			if v == name {
				v = to
			}
			if !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
		return out
	}
	for _, r := range list {
		before[r.Code] = r
		p := r.Project
		p.Tags, p.Batches, p.Investors = slices.Clone(r.Tags), slices.Clone(r.Batches), slices.Clone(r.Investors)
		switch kind {
		case zhaoyin.DictChain:
			p.Chain = to
		case zhaoyin.DictTag:
			p.Tags = replace(p.Tags)
		case zhaoyin.DictBatch:
			p.Batches = replace(p.Batches)
		}
		next = append(next, &p)
	}
	if err := db.writeProjects(ctx, tx, next, before, zhaoyin.ActionProjectUpdate); err != nil {
		return 0, err
	}
	return len(next), nil
}

// DeleteDictEntry removes a registered entry that no project uses.
func (s *DictionaryService) DeleteDictEntry(ctx context.Context, kind, name string) error {
	if err := dictWriter(ctx); err != nil {
		return err
	}
	if err := dictKind(kind); err != nil {
		return err
	}
	return s.db.tx(ctx, func(tx *sql.Tx) error {
		cur, n, err := s.db.findDict(ctx, tx, kind, name)
		if err != nil {
			return err
		}
		if n > 0 {
			return zhaoyin.Errorf(zhaoyin.ECONFLICT, "仍有 %d 个项目使用%s“%s”，不能删除；可以停用它，或改名并入其他%s", n, dictLabel(kind), name, dictLabel(kind))
		}
		if cur == nil {
			return zhaoyin.Errorf(zhaoyin.ENOTFOUND, "字典中没有%s“%s”", dictLabel(kind), name)
		}
		if _, err := tx.ExecContext(ctx, s.db.rebind("DELETE FROM dictionary_entries WHERE kind = ? AND name = ?"), kind, name); err != nil {
			return internal(err)
		}
		return s.db.audit(ctx, tx, zhaoyin.ActionDictDelete, dictObject(kind), []zhaoyin.Change{
			{Field: "name", Before: name, After: nil}, {Field: "description", Before: cur.Description, After: nil},
		})
	})
}
