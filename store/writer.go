package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strings"

	"zhaoyin"
)

// writeProjects is the one path by which projects reach the database, for a single edit and
// for a 100,000-row import alike: validated rows in, batched multi-row statements out, audit
// entries beside them, all inside the caller's transaction. before holds the stored version of
// each row that already exists (by code); rows not in it are created.
func (db *DB) writeProjects(ctx context.Context, tx *sql.Tx, rows []*zhaoyin.Project, before map[string]*projectRow, action string) error {
	if len(rows) == 0 {
		return nil
	}
	scope, err := db.scopePath(ctx)
	if err != nil {
		return err
	}
	now := db.nowText()
	paths := make([]string, len(rows))
	var moved []int64 // updated projects whose months move to other monthly totals
	for i, p := range rows {
		r, err := db.region(ctx, tx, p.RegionCode)
		if err != nil {
			return rowError(i, "region_code", "所属区域 "+p.RegionCode+" 不存在")
		}
		if !strings.HasPrefix(r.Path, scope) {
			return rowError(i, "region_code", "所属区域“"+r.Name+"”不在您的管辖范围内")
		}
		if b := before[p.Code]; b != nil {
			if br, err := db.region(ctx, tx, b.RegionCode); err != nil || !strings.HasPrefix(br.Path, scope) {
				return rowError(i, "code", "项目编码 "+p.Code+" 已被其他区域的项目使用")
			} else if totalsKeyChanged(&b.Project, p, br.Path, r.Path) {
				moved = append(moved, b.id)
			}
		}
		paths[i] = r.Path
	}
	entIDs, entNames, renamed, err := db.ensureEnterprises(ctx, tx, rows)
	if err != nil {
		return err
	}
	if err := db.staleDetails(ctx, tx, renamed); err != nil {
		return err
	}
	movedFrom, err := db.projectTotals(ctx, tx, moved)
	if err != nil {
		return err
	}

	// Projects: INSERT … ON CONFLICT (code) DO UPDATE, in batches.
	cols := append(append([]string{}, projectCols...), "region_path", "search_text", "details", "created_at", "updated_at")
	var set []string
	for _, c := range cols {
		if c != "code" && c != "created_at" {
			set = append(set, c+" = excluded."+c)
		}
	}
	set = append(set, "version = projects.version + 1")
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",") + ")"
	head := db.insertInto() + "projects (" + strings.Join(cols, ", ") + ") VALUES "
	upsert := " ON CONFLICT (code) DO UPDATE SET " + strings.Join(set, ", ") + " RETURNING id, code"
	var rewritten []int64
	var fresh, existing []int // indexes into rows
	for i, p := range rows {
		if b := before[p.Code]; b != nil {
			rewritten = append(rewritten, b.id)
			existing = append(existing, i)
		} else {
			fresh = append(fresh, i)
		}
	}
	if err := db.ftsRemove(ctx, tx, rewritten); err != nil {
		return err
	}
	ids := make(map[string]int64, len(rows))
	search := make([][]any, len(rows))
	per := db.maxParams() / len(cols)
	prep := &prepared{tx: tx}
	defer prep.close()
	write := func(idx []int, tail string) error {
		for start := 0; start < len(idx); start += per {
			chunk := idx[start:min(start+per, len(idx))]
			args := make([]any, 0, len(chunk)*len(cols))
			for _, i := range chunk {
				p := rows[i]
				args = append(append(args, projectValues(p)...), paths[i], searchText(p), detailsOf(p, entNames), now, now)
				search[i] = []any{nil, args[len(args)-4], paths[i]}
			}
			q := db.rebind(head + strings.TrimSuffix(strings.Repeat(tuple+",", len(chunk)), ",") + tail)
			st, err := prep.get(ctx, q)
			if err != nil {
				return err
			}
			if tail == "" {
				// SQLite, new rows only: their ids follow each other, up to the last one.
				r, err := st.ExecContext(ctx, args...)
				if err != nil {
					return internal(err)
				}
				last, err := r.LastInsertId()
				if err != nil {
					return internal(err)
				}
				for k, i := range chunk {
					ids[rows[i].Code] = last - int64(len(chunk)-1-k)
				}
				continue
			}
			res, err := st.QueryContext(ctx, args...)
			if err != nil {
				return internal(err)
			}
			for res.Next() {
				var id int64
				var code string
				if err := res.Scan(&id, &code); err != nil {
					res.Close()
					return internal(err)
				}
				ids[code] = id
			}
			res.Close()
			if err := res.Err(); err != nil {
				return internal(err)
			}
		}
		return nil
	}
	// New projects are plain INSERTs on SQLite: the DO UPDATE of an upsert is compiled to
	// abort on a constraint, which makes SQLite keep a statement journal (see insertInto).
	// With SQLite's one writer nobody can add the same code between our read and this write;
	// on PostgreSQL somebody can, so there every row goes through the upsert.
	freshTail := ""
	if db.engine != SQLite {
		freshTail = upsert
	}
	if err := write(fresh, freshTail); err != nil {
		return err
	}
	if err := write(existing, upsert); err != nil {
		return err
	}
	for i, p := range rows {
		search[i][0] = ids[p.Code]
	}
	if err := db.ftsAdd(ctx, tx, search); err != nil {
		return err
	}

	if len(moved) > 0 {
		movedTo, err := db.projectTotals(ctx, tx, moved)
		if err != nil {
			return err
		}
		if err := db.addTotals(ctx, tx, movedFrom, movedTo); err != nil {
			return err
		}
	}

	// Labels and investors: replace those of updated projects.
	var old []any
	for _, p := range rows {
		if before[p.Code] != nil {
			old = append(old, ids[p.Code])
		}
	}
	for start := 0; start < len(old); start += 5000 {
		chunk := old[start:min(start+5000, len(old))]
		in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",") + ")"
		if _, err := tx.ExecContext(ctx, db.rebind("DELETE FROM project_labels WHERE project_id IN "+in), chunk...); err != nil {
			return internal(err)
		}
		if _, err := tx.ExecContext(ctx, db.rebind("DELETE FROM project_investors WHERE project_id IN "+in), chunk...); err != nil {
			return internal(err)
		}
	}
	var labels, investors [][]any
	for _, p := range rows {
		id := ids[p.Code]
		for _, t := range dedupe(p.Tags) {
			labels = append(labels, []any{id, "tag", t})
		}
		for _, b := range dedupe(p.Batches) {
			labels = append(labels, []any{id, "batch", b})
		}
		for i, inv := range p.Investors {
			investors = append(investors, []any{id, entIDs[enterpriseKey(inv)], i})
		}
	}
	if err := db.insertMany(ctx, tx, "project_labels (project_id, kind, name)", labels); err != nil {
		return err
	}
	if err := db.insertMany(ctx, tx, "project_investors (project_id, enterprise_id, position)", investors); err != nil {
		return err
	}

	// Audit: one entry per project, with the fields that changed.
	user := actor(ctx)
	var entries [][]any
	for _, p := range rows {
		changes := []zhaoyin.Change{}
		act := action
		if b := before[p.Code]; b != nil {
			changes = diff(&b.Project, p)
			if len(changes) == 0 {
				continue
			}
			if act == zhaoyin.ActionProjectCreate {
				act = zhaoyin.ActionProjectUpdate
			}
		} else if action != zhaoyin.ActionProjectImport {
			changes = created(p)
		}
		// A project created by an import is recorded without its field list: the import's
		// entry says who brought it in and when, the record itself holds the values, and
		// writing 100,000 field lists would double the import's time.
		js, err := json.Marshal(changes)
		if err != nil {
			return internal(err)
		}
		entries = append(entries, []any{now, user, act, "project:" + p.Code, string(js)})
	}
	return db.insertMany(ctx, tx, "audit_log (at, username, action, object, changes)", entries)
}

// insertMany inserts rows into table (written with its column list) in batches.
func (db *DB) insertMany(ctx context.Context, tx *sql.Tx, table string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	n := len(rows[0])
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?,", n), ",") + ")"
	per := db.maxParams() / n
	prep := &prepared{tx: tx}
	defer prep.close()
	for start := 0; start < len(rows); start += per {
		end := min(start+per, len(rows))
		args := make([]any, 0, (end-start)*n)
		for _, r := range rows[start:end] {
			args = append(args, r...)
		}
		st, err := prep.get(ctx, db.rebind(db.insertInto()+table+" VALUES "+strings.TrimSuffix(strings.Repeat(tuple+",", end-start), ",")))
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return internal(err)
		}
	}
	return nil
}

// prepared keeps the statements of one batched write: every full batch has the same text,
// and preparing a statement of 2,000 placeholders costs SQLite about as much as running it
// (a tenth of a 100,000-row import), so each text is prepared once.
type prepared struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func (p *prepared) get(ctx context.Context, q string) (*sql.Stmt, error) {
	if st := p.stmts[q]; st != nil {
		return st, nil
	}
	st, err := p.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, internal(err)
	}
	if p.stmts == nil {
		p.stmts = map[string]*sql.Stmt{}
	}
	p.stmts[q] = st
	return st, nil
}

func (p *prepared) close() {
	for _, st := range p.stmts {
		st.Close()
	}
}

func enterpriseKey(inv zhaoyin.Investor) string {
	if inv.USCC != "" {
		return "u:" + inv.USCC
	}
	return "n:" + strings.TrimSpace(inv.Name)
}

// ensureEnterprises returns the id of every investor of rows, creating the enterprises not
// yet known. An enterprise is the same when its USCC is (its name follows the latest entry);
// without a USCC, when its name is.
//
// It also returns each investor's enterprise name as stored (by enterpriseKey) and the ids of
// the enterprises whose name this write changed, whose other projects' details go stale.
func (db *DB) ensureEnterprises(ctx context.Context, tx *sql.Tx, rows []*zhaoyin.Project) (map[string]int64, map[string]string, []int64, error) {
	want := map[string]zhaoyin.Investor{}
	for _, p := range rows {
		for _, inv := range p.Investors {
			inv.Name = strings.TrimSpace(inv.Name)
			want[enterpriseKey(inv)] = inv
		}
	}
	ids := map[string]int64{}
	names := make(map[string]string, len(want))
	var withCode [][]any
	var plain []any
	for k, inv := range want {
		names[k] = inv.Name
		if strings.HasPrefix(k, "u:") {
			withCode = append(withCode, []any{inv.Name, inv.USCC})
		} else {
			plain = append(plain, inv.Name)
		}
	}
	collect := func(res *sql.Rows, prefix string) error {
		defer res.Close()
		for res.Next() {
			var id int64
			var key string
			if err := res.Scan(&id, &key); err != nil {
				return internal(err)
			}
			ids[prefix+key] = id
		}
		return internal(res.Err())
	}
	// In code order, so that the unique index grows at its end rather than everywhere.
	slices.SortFunc(withCode, func(a, b []any) int { return strings.Compare(a[1].(string), b[1].(string)) })
	per := db.maxParams() / 2
	var renamed []int64
	for start := 0; start < len(withCode); start += per {
		chunk := withCode[start:min(start+per, len(withCode))]
		args := make([]any, 0, 2*len(chunk))
		codes := make([]any, 0, len(chunk))
		for _, r := range chunk {
			args = append(args, r...)
			codes = append(codes, r[1])
		}
		// Enterprises whose name this write changes (their other projects' details go stale).
		in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(codes)), ",") + ")"
		old, err := tx.QueryContext(ctx, db.rebind("SELECT id, uscc, name FROM enterprises WHERE uscc IN "+in), codes...)
		if err != nil {
			return nil, nil, nil, internal(err)
		}
		for old.Next() {
			var id int64
			var uscc, name string
			if err := old.Scan(&id, &uscc, &name); err != nil {
				old.Close()
				return nil, nil, nil, internal(err)
			}
			if name != names["u:"+uscc] {
				renamed = append(renamed, id)
			}
		}
		old.Close()
		if err := old.Err(); err != nil {
			return nil, nil, nil, internal(err)
		}
		q := db.insertInto() + "enterprises (name, uscc) VALUES " + strings.TrimSuffix(strings.Repeat("(?,?),", len(chunk)), ",") +
			" ON CONFLICT (uscc) DO UPDATE SET name = excluded.name RETURNING id, uscc"
		res, err := tx.QueryContext(ctx, db.rebind(q), args...)
		if err != nil {
			return nil, nil, nil, internal(err)
		}
		if err := collect(res, "u:"); err != nil {
			return nil, nil, nil, err
		}
	}
	for start := 0; start < len(plain); start += per {
		chunk := plain[start:min(start+per, len(plain))]
		in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",") + ")"
		res, err := tx.QueryContext(ctx, db.rebind("SELECT MIN(id), name FROM enterprises WHERE uscc IS NULL AND name IN "+in+" GROUP BY name"), chunk...)
		if err != nil {
			return nil, nil, nil, internal(err)
		}
		if err := collect(res, "n:"); err != nil {
			return nil, nil, nil, err
		}
		var missing []any
		for _, n := range chunk {
			if _, ok := ids["n:"+n.(string)]; !ok {
				missing = append(missing, n)
			}
		}
		if len(missing) == 0 {
			continue
		}
		q := db.insertInto() + "enterprises (name) VALUES " + strings.TrimSuffix(strings.Repeat("(?),", len(missing)), ",") + " RETURNING id, name"
		res, err = tx.QueryContext(ctx, db.rebind(q), missing...)
		if err != nil {
			return nil, nil, nil, internal(err)
		}
		if err := collect(res, "n:"); err != nil {
			return nil, nil, nil, err
		}
	}
	return ids, names, renamed, nil
}

// searchText is what Chinese search looks in: code, name and investors, lower-cased. It ends
// in two spaces so that SQLite's trigram index holds a trigram beginning with each of the
// last two characters too, which 1–2 character searches look for (migration 00012).
func searchText(p *zhaoyin.Project) string {
	parts := []string{p.Code, p.Name}
	for _, inv := range p.Investors {
		parts = append(parts, inv.Name)
	}
	return strings.ToLower(strings.Join(parts, " ")) + "  "
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// rowError reports a store-side rule broken by rows[i] (Row is the index; importers map it
// to the sheet's row).
func rowError(i int, field, msg string) error {
	return &zhaoyin.Error{Code: zhaoyin.EINVALID, Message: msg, Fields: map[string]string{field: msg}, Cells: []zhaoyin.CellError{{Row: i, Column: field, Message: msg}}}
}
