package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// counts keeps the totals of project lists, so that paging through a list (the same filter,
// page after page) counts its rows once. A total is served only in the state of the database
// it was counted in, that is while nothing has been committed since, by this process or any
// other (the `zhaoyin import` command writing to the file a server has open; other app
// servers on PostgreSQL), so it is always exact. Each request first asks for the state
// (stamp), and is served a kept total only if it was counted in that same state.
//
// SQLite: the state is PRAGMA data_version, asked of one connection of our own that never
// writes; its value changes whenever another connection has committed since it was last
// asked. Commits may land at any moment; what keeps a total exact is the order of each
// request: it asks the version first, and counts (on a reader, in a read transaction begun
// after the answer) only then. So a count has seen at least every commit its version
// reflects. A request that begins after a commit is visible is told a new version, and
// never gets a total kept under an older one. A count may be newer than its version, if a
// commit landed between question and count; it is then served only to requests that asked
// before that commit showed, for whom counting would have raced with the commit just the
// same. Counting first would be wrong: a count from before a commit could be kept under the
// version after it.
//
// PostgreSQL: the state is the text of pg_current_snapshot(), which names the transactions
// whose work a statement sees (every one below xmax but those listed as in progress), so
// equal snapshots see equal data. A total is counted in the same statement as the snapshot
// it is kept under, so it is exactly the one that snapshot sees. This costs a round trip
// per list, and a second one when a total must be counted; since a commit anywhere in the
// cluster (in any database) makes a new snapshot, a busy cluster counts more often, never
// wrongly.
type counts struct {
	db *DB

	// SQLite only: where data_version is asked.
	pool   *sql.DB // the connection comes from here (and again if it fails)
	connMu sync.Mutex
	conn   *sql.Conn
	stmt   *sql.Stmt // PRAGMA data_version, prepared on conn

	mu    sync.Mutex
	at    any // the state every entry of byKey was counted in (a sqliteState or a snapshot)
	byKey map[string]int
}

// sqliteState names a state of a SQLite database: a data_version seen on one connection.
// Values of different connections are not comparable, hence the connection: if ours fails
// and another takes its place, nothing counted before is served again. (A connection stays
// in memory while a state names it, so a new one cannot have its address.)
type sqliteState struct {
	conn    *sql.Conn
	version int64
}

// maxCounts bounds the cache: a list's filters can be combined in many ways, and a rare one
// need not be kept. When full, it starts again empty, as it does after every commit.
const maxCounts = 4096

func newCounts(db *DB, dsn string) (*counts, error) {
	c := &counts{db: db, byKey: map[string]int{}}
	if db.engine == SQLite {
		pool, err := sql.Open("sqlite", sqliteDSN(dsn, false)+"&_pragma=query_only(1)")
		if err != nil {
			return nil, err
		}
		pool.SetMaxOpenConns(1)
		c.pool = pool
	}
	return c, nil
}

func (c *counts) close() error {
	if c.pool == nil {
		return nil
	}
	c.connMu.Lock()
	defer c.connMu.Unlock()
	if c.conn != nil {
		c.conn.Close()
	}
	return c.pool.Close()
}

// stamp names the current state; false when it cannot tell (then count without the cache).
func (c *counts) stamp(ctx context.Context) (any, bool) {
	if c.db.engine == Postgres {
		var snapshot string
		if err := c.db.rd.QueryRowContext(ctx, "SELECT pg_current_snapshot()::text").Scan(&snapshot); err != nil {
			return nil, false
		}
		return snapshot, true
	}
	c.connMu.Lock()
	defer c.connMu.Unlock()
	if c.conn == nil {
		conn, err := c.pool.Conn(ctx)
		if err != nil {
			return nil, false
		}
		st, err := conn.PrepareContext(ctx, "PRAGMA data_version")
		if err != nil {
			conn.Close()
			return nil, false
		}
		c.conn, c.stmt = conn, st
	}
	var v int64
	if err := c.stmt.QueryRowContext(c.db.quickCtx(ctx)).Scan(&v); err != nil {
		c.conn.Close() // the next request starts afresh on another connection
		c.conn, c.stmt = nil, nil
		return nil, false
	}
	return sqliteState{c.conn, v}, true
}

// count runs the count q, in a state no older than at (stamp's answer, on SQLite), and
// returns the state it counted in.
func (c *counts) count(ctx context.Context, q string, args []any, at any) (int, any, error) {
	var n int
	if c.db.engine == Postgres {
		var snapshot string
		err := c.db.rd.QueryRowContext(ctx, "SELECT pg_current_snapshot()::text, ("+q+")", args...).Scan(&snapshot, &n)
		return n, snapshot, internal(err)
	}
	err := c.db.rd.QueryRowContext(ctx, q, args...).Scan(&n)
	return n, at, internal(err)
}

// get returns the total of the count q with args, kept or counted.
func (c *counts) get(ctx context.Context, q string, args []any) (int, error) {
	at, ok := c.stamp(ctx)
	if !ok {
		n, _, err := c.count(ctx, q, args, nil)
		return n, err
	}
	// The key is the statement as run: the caller's scope is part of its WHERE, so users of
	// different regions never share an entry. %#v quotes strings and names other types.
	key := q + "\x00" + fmt.Sprintf("%#v", args)
	c.mu.Lock()
	n, hit := c.byKey[key]
	hit = hit && c.at == at
	c.mu.Unlock()
	if hit {
		return n, nil
	}
	n, at, err := c.count(ctx, q, args, at)
	if err != nil {
		return 0, err
	}
	c.mu.Lock()
	if c.at != at || len(c.byKey) >= maxCounts {
		// A request that saw an older state may set the cache back to it; that costs the
		// next requests a count, never a wrong total, since entries are served only to
		// requests that saw the state they were counted in.
		c.at, c.byKey = at, map[string]int{}
	}
	c.byKey[key] = n
	c.mu.Unlock()
	return n, nil
}
