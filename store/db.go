// Package store implements the services of package zhaoyin over database/sql, with one code
// path for embedded SQLite and PostgreSQL (differences in dialect.go).
package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"strings"
	"sync"
	"testing/fstest"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite"

	"zhaoyin"
	"zhaoyin/divisions"
	"zhaoyin/store/migrations"
)

// DB is an open database: for SQLite one writer connection and a pool of readers, for
// PostgreSQL one pool.
type DB struct {
	engine string
	write  *sql.DB
	read   *sql.DB
	// rd serves the frequent reads: prepared statements on SQLite, the pool on PostgreSQL.
	rd  querier
	now func() time.Time
	// counts keeps list totals while the database stays as they were counted in.
	counts *counts
	// lists admits lists (FindProjects) to the readers in order of arrival, as many at a
	// time as the pool has connections. Left to the pool, a freed connection goes to a random
	// waiting request (database/sql's choice), and under load a few unlucky lists waited many
	// turns: 32 clients of the 100k list bench saw a p99 of 30-35 ms, in line 22-24 ms.
	lists chan struct{}

	tokens      sync.Map // region code → its search token, as read committed (dialect.go)
	regionMu    sync.RWMutex
	regionCache map[string]*regionRow
	leafAt      map[string]time.Time // hasChildren: zero = has children; else when found a leaf
}

// Open opens (creating if needed) and migrates the database named by dsn: a file path for
// SQLite, a postgres:// URL for PostgreSQL.
func Open(ctx context.Context, dsn string) (*DB, error) {
	db := &DB{now: time.Now, regionCache: map[string]*regionRow{}, leafAt: map[string]time.Time{}}
	var err error
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		db.engine = Postgres
		if db.write, err = sql.Open("pgx", dsn); err != nil {
			return nil, fmt.Errorf("打开 PostgreSQL 数据库失败：%w", err)
		}
		db.write.SetMaxOpenConns(32)
		db.write.SetMaxIdleConns(32)
		db.read = db.write
		db.lists = make(chan struct{}, 32)
	} else {
		db.engine = SQLite
		if db.write, err = sql.Open("sqlite", sqliteDSN(dsn, false)); err != nil {
			return nil, fmt.Errorf("打开数据库文件失败：%w", err)
		}
		db.write.SetMaxOpenConns(1)
		db.write.SetConnMaxIdleTime(0)
		if db.read, err = sql.Open("sqlite", sqliteDSN(dsn, true)); err != nil {
			return nil, err
		}
		n := max(4, 2*runtime.NumCPU())
		db.read.SetMaxOpenConns(n)
		db.read.SetMaxIdleConns(n)
		db.lists = make(chan struct{}, n)
	}
	if db.counts, err = newCounts(db, dsn); err != nil {
		db.Close()
		return nil, err
	}
	db.rd = db.read
	if db.engine == SQLite {
		db.rd = &stmtReader{db: db.read, stmts: map[string]*sql.Stmt{}}
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.write.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("无法连接数据库：%w", err)
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.seedDivisions(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Engine is "sqlite" or "postgres".
func (db *DB) Engine() string { return db.engine }

// Close closes the pools.
func (db *DB) Close() error {
	var err error
	if db.counts != nil {
		err = db.counts.close()
	}
	if db.read != nil && db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	if db.write != nil {
		err = errors.Join(err, db.write.Close())
	}
	return err
}

// SetNow replaces the clock (tests).
func (db *DB) SetNow(now func() time.Time) { db.now = now }

func (db *DB) nowText() string { return db.now().UTC().Format("2006-01-02T15:04:05.000Z") }

// migrationFS selects this engine's files of the one stream and fills the shared macros.
func (db *DB) migrationFS() (fs.FS, error) {
	out := fstest.MapFS{}
	entries, err := fs.ReadDir(migrations.FS, ".")
	if err != nil {
		return nil, err
	}
	other := Postgres
	if db.engine == Postgres {
		other = SQLite
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".sql") || strings.HasSuffix(name, "."+other+".sql") {
			continue
		}
		b, err := fs.ReadFile(migrations.FS, name)
		if err != nil {
			return nil, err
		}
		m := migrationMacros[db.engine]
		for i := 0; i < len(m); i += 2 {
			b = bytes.ReplaceAll(b, []byte(m[i]), []byte(m[i+1]))
		}
		out[name] = &fstest.MapFile{Data: b}
	}
	return out, nil
}

func (db *DB) migrate(ctx context.Context) error {
	fsys, err := db.migrationFS()
	if err != nil {
		return err
	}
	dialect := goose.DialectSQLite3
	if db.engine == Postgres {
		dialect = goose.DialectPostgres
	}
	p, err := goose.NewProvider(dialect, db.write, fsys)
	if err != nil {
		return fmt.Errorf("数据库迁移准备失败：%w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("数据库迁移失败：%w", err)
	}
	return nil
}

// seedDivisions loads the built-in GB/T 2260 tree into an empty regions table.
func (db *DB) seedDivisions(ctx context.Context) error {
	var n int
	if err := db.write.QueryRowContext(ctx, "SELECT COUNT(*) FROM regions WHERE builtin").Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	all := divisions.All()
	paths := make(map[string]string, len(all))
	return db.tx(ctx, func(tx *sql.Tx) error {
		const cols = 5
		batch := db.maxParams() / cols
		for start := 0; start < len(all); start += batch {
			end := min(start+batch, len(all))
			var sb strings.Builder
			args := make([]any, 0, (end-start)*cols)
			sb.WriteString("INSERT INTO regions (code, name, parent_code, kind, path, builtin) VALUES ")
			for i, d := range all[start:end] {
				path := paths[d.ParentCode] + d.Code + "/"
				if d.ParentCode == "" {
					path = "/" + d.Code + "/"
				}
				paths[d.Code] = path
				if i > 0 {
					sb.WriteString(",")
				}
				sb.WriteString("(?,?,?,?,?,TRUE)")
				args = append(args, d.Code, d.Name, d.ParentCode, d.Kind, path)
			}
			if _, err := tx.ExecContext(ctx, db.rebind(sb.String()), args...); err != nil {
				return err
			}
		}
		return nil
	})
}

// tx runs fn in a write transaction, rolled back on error or panic.
func (db *DB) tx(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
		}
	}()
	if err = db.deferForeignKeys(ctx, tx); err != nil {
		return internal(err)
	}
	if err = fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// Ping checks that the database answers (for /healthz).
func (db *DB) Ping(ctx context.Context) error { return db.read.PingContext(ctx) }

// idChunks calls fn for each run of at most 5,000 of ids, with "(?,?,…)" for an IN clause
// and the ids as its arguments.
func idChunks[T any](ids []T, fn func(in string, args []any) error) error {
	for start := 0; start < len(ids); start += 5000 {
		chunk := ids[start:min(start+5000, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		if err := fn("("+strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",")+")", args); err != nil {
			return err
		}
	}
	return nil
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// internal wraps a database failure so that its text never reaches a user.
func internal(err error) error {
	if err == nil {
		return nil
	}
	var e *zhaoyin.Error
	if errors.As(err, &e) {
		return err
	}
	return fmt.Errorf("store: %w", err)
}

// stmtReader runs read queries through prepared statements kept per SQL text. SQLite spends
// a good share of a small query in preparing it, and modernc's driver keeps no cache of its
// own (pgx does, so PostgreSQL reads go straight to the pool).
type stmtReader struct {
	db    *sql.DB
	mu    sync.RWMutex
	stmts map[string]*sql.Stmt
}

// maxStmts bounds the cache: lists build their SQL from filters, and a rare shape need not
// stay prepared.
const maxStmts = 512

func (r *stmtReader) stmt(ctx context.Context, q string) *sql.Stmt {
	r.mu.RLock()
	st := r.stmts[q]
	r.mu.RUnlock()
	if st != nil {
		return st
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if st = r.stmts[q]; st != nil || len(r.stmts) >= maxStmts {
		return st
	}
	st, err := r.db.PrepareContext(ctx, q)
	if err != nil {
		return nil
	}
	r.stmts[q] = st
	return st
}

func (r *stmtReader) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := r.stmt(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return r.db.QueryContext(ctx, q, args...)
}

func (r *stmtReader) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if st := r.stmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return r.db.QueryRowContext(ctx, q, args...)
}

func (r *stmtReader) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return r.db.ExecContext(ctx, q, args...)
}
