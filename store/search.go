package store

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"strings"
	"unicode/utf8"

	sq "github.com/Masterminds/squirrel"

	"zhaoyin"
)

// Chinese search on code, name and investors (searchText in writer.go).
//
// SQLite answers from its FTS5 trigram index, project_fts (migrations 00012 and 00013), whose
// column search_text holds that text and whose column scope holds a token for the project's
// region and for each region above it (scopeTexts). Nothing is read from projects to decide
// whether a project matches:
//   - 3+ characters: a phrase of the query's consecutive trigrams, which is exactly "contains
//     the query";
//   - 1–2 characters: an OR of the index's trigrams that begin with the query, listed by
//     project_fts_terms (searchText's two trailing spaces give the last characters theirs);
//   - within a region: AND the region's token.
//
// PostgreSQL's pg_trgm index serves LIKE for 3+ characters and scans for fewer.

// maxPrefixTerms bounds the OR of a 1–2 character query; a query that begins more trigrams
// than this (a single common character) matches most projects anyway and is answered by a scan.
var maxPrefixTerms = 400

// searchCond matches projects (aliased p) whose search text contains q.
func (db *DB) searchCond(ctx context.Context, q string) (sq.Sqlizer, error) {
	q = strings.ToLower(strings.TrimSpace(q))
	if db.engine == SQLite {
		match, ok, err := db.ftsQuery(ctx, db.rd, q)
		if err != nil {
			return nil, err
		}
		if ok && match == "" {
			return sq.Expr("1 = 0"), nil
		}
		if ok {
			return sq.Expr("p.id IN (SELECT rowid FROM project_fts WHERE project_fts MATCH ?)", match), nil
		}
	}
	return sq.Expr(`p.search_text LIKE ? ESCAPE '\'`, "%"+likeEscape(q)+"%"), nil
}

// ftsQuery writes q (lower-cased, trimmed, not empty) as an FTS5 query of project_fts. ok is
// false when q is too short and common for the index (see maxPrefixTerms); match is empty when
// nothing can match.
func (db *DB) ftsQuery(ctx context.Context, qr querier, q string) (match string, ok bool, err error) {
	quote := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	if utf8.RuneCountInString(q) >= 3 {
		return "search_text : " + quote(q), true, nil
	}
	rows, err := qr.QueryContext(ctx, "SELECT term FROM project_fts_terms WHERE col = 'search_text' AND term >= ? AND term < ? LIMIT ?", q, q+string(utf8.MaxRune), maxPrefixTerms+1)
	if err != nil {
		return "", false, internal(err)
	}
	defer rows.Close()
	var terms []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return "", false, internal(err)
		}
		terms = append(terms, quote(t))
	}
	if err := rows.Err(); err != nil {
		return "", false, internal(err)
	}
	if len(terms) > maxPrefixTerms {
		return "", false, nil
	}
	if len(terms) == 0 {
		return "", true, nil
	}
	return "search_text : (" + strings.Join(terms, " OR ") + ")", true, nil
}

// onlySearch reports whether f asks for nothing but a search (and a region), which
// findBySearch can answer.
func onlySearch(f zhaoyin.ProjectFilter) bool {
	if f.Query == nil || strings.TrimSpace(*f.Query) == "" {
		return false
	}
	rest := f
	rest.Region, rest.Query, rest.Sort, rest.Offset, rest.Limit, rest.NoTotal, rest.WithRows = nil, nil, "", 0, 0, false, false
	return reflect.DeepEqual(rest, zhaoyin.ProjectFilter{})
}

// walkIndexes are the indexes whose order is a list's sort order (orderBy), in both directions.
var walkIndexes = map[string]string{
	"p.total_investment_yuan": "projects_invest",
	"p.updated_at":            "projects_updated",
}

// findBySearch answers a search with no other filter than a region on SQLite. ok is false
// when it cannot (a single common character, see maxPrefixTerms); the caller then runs the
// general query, whose cost grows with every match, since each is read from projects.
//
// The total comes from the search index alone: the query AND the token of each region the
// search is confined to, leaving out a region that leaves out no project (a city's users in a
// deployment for one city), whose long list of projects would only slow the index down.
// The page is read one of two ways:
//   - few matches: read each and sort them;
//   - many: walk the index of the sort order and keep the entries that match, which stops after
//     the page's rows. Walking costs about (offset+limit)·N/matches index entries; reading costs
//     a row per match (several times dearer than an entry), hence the rule in walk below.
//
// All of it runs in one read transaction, so the scope, the total and the page are of the same
// moment. The page query keeps the scope in SQL all the same.
func (s *ProjectService) findBySearch(ctx context.Context, f zhaoyin.ProjectFilter, order string) ([]*zhaoyin.Project, int, bool, error) {
	region := ""
	if f.Region != nil {
		region = *f.Region
	}
	spans, err := s.db.scopeSpans(ctx, region)
	if err != nil {
		return nil, 0, false, err
	}
	tx, err := s.db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, false, internal(err)
	}
	defer tx.Rollback()
	match, ok, err := s.db.ftsQuery(ctx, tx, strings.ToLower(strings.TrimSpace(*f.Query)))
	if err != nil || !ok {
		return nil, 0, false, err
	}
	scope := sq.And{}
	for _, sp := range spans {
		scope = append(scope, sp.cond())
		out, err := sp.excludesAny(ctx, tx)
		if err != nil {
			return nil, 0, false, err
		}
		if !out || match == "" {
			continue
		}
		token, err := s.db.regionToken(ctx, tx, sp.region)
		if err != nil {
			return nil, 0, false, err
		}
		if token == "" {
			match = "" // no project in the region has been indexed
			continue
		}
		match += ` AND scope : "` + token + `"`
	}
	if match == "" {
		return []*zhaoyin.Project{}, 0, true, nil
	}
	var total, maxID int
	if err := tx.QueryRowContext(ctx, "SELECT (SELECT count(*) FROM project_fts WHERE project_fts MATCH ?), (SELECT COALESCE(max(id), 0) FROM projects)", match).Scan(&total, &maxID); err != nil {
		return nil, 0, false, internal(err)
	}
	from, in := "projects p", "p.id IN (SELECT rowid FROM project_fts WHERE project_fts MATCH ?)"
	sortCol := strings.Fields(order)[0]
	if idx, ok := walkIndexes[sortCol]; ok && f.Limit > 0 && 4*total*total > (max(f.Offset, 0)+f.Limit)*maxID {
		// The unary + keeps SQLite from reading the matches by id; it tests each entry of the
		// index against them instead.
		from, in = "projects p INDEXED BY "+idx, "+"+in
	}
	b := s.db.builder().Select(selectProject).From(from).Where(append(scope, sq.Expr(in, match))).OrderBy(order)
	if f.Limit > 0 {
		b = b.Limit(uint64(f.Limit)).Offset(uint64(max(f.Offset, 0)))
	}
	q, args, err := b.ToSql()
	if err != nil {
		return nil, 0, false, internal(err)
	}
	out, err := s.db.readProjects(ctx, tx, q, args)
	if err != nil {
		return nil, 0, false, err
	}
	return out, total, true, nil
}

// regionToken is the search token of a region, "" when no project in or below it has been
// indexed yet. Tokens never change once committed, so they are kept once read.
func (db *DB) regionToken(ctx context.Context, q querier, code string) (string, error) {
	if t, ok := db.tokens.Load(code); ok {
		return t.(string), nil
	}
	var token string
	err := q.QueryRowContext(ctx, "SELECT token FROM region_tokens WHERE code = ?", code).Scan(&token)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", internal(err)
	}
	db.tokens.Store(code, token)
	return token, nil
}

// scopeTexts turns region paths into the scope column of project_fts: the tokens of every
// region on the path, separated by spaces (so no trigram spans two tokens). It makes the
// tokens missing. The writer reads them afresh rather than from regionToken's store: a token
// it makes here is not committed until its transaction is.
func (db *DB) scopeTexts(ctx context.Context, tx *sql.Tx, paths []string) (map[string]string, error) {
	var codes []string
	seen := map[string]bool{}
	for _, p := range paths {
		for _, c := range strings.Split(strings.Trim(p, "/"), "/") {
			if !seen[c] {
				seen[c] = true
				codes = append(codes, c)
			}
		}
	}
	tokens := make(map[string]string, len(codes))
	read := func() error {
		return idChunks(codes, func(in string, args []any) error {
			rows, err := tx.QueryContext(ctx, "SELECT code, token FROM region_tokens WHERE code IN "+in, args...)
			if err != nil {
				return internal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var c, t string
				if err := rows.Scan(&c, &t); err != nil {
					return internal(err)
				}
				tokens[c] = t
			}
			return internal(rows.Err())
		})
	}
	if err := read(); err != nil {
		return nil, err
	}
	var missing [][]any
	for _, c := range codes {
		if tokens[c] == "" {
			missing = append(missing, []any{c})
		}
	}
	if len(missing) > 0 {
		if err := db.insertMany(ctx, tx, "region_tokens (code)", missing); err != nil {
			return nil, err
		}
		if err := read(); err != nil {
			return nil, err
		}
	}
	out := make(map[string]string, len(paths))
	for _, p := range paths {
		if _, ok := out[p]; ok {
			continue
		}
		var ts []string
		for _, c := range strings.Split(strings.Trim(p, "/"), "/") {
			ts = append(ts, tokens[c])
		}
		out[p] = strings.Join(ts, " ")
	}
	return out, nil
}
