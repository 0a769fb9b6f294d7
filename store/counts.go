package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// counts keeps the totals of project lists on SQLite, so that paging through a list (the same
// filter, page after page) counts its rows once. A total is served only while nothing has been
// committed to the database since it was counted, by this process or any other (the
// `zhaoyin import` command may write to the file a server has open), so it is always exact.
//
// What tells is PRAGMA data_version, asked of one connection of our own that never writes:
// its value changes whenever another connection has committed since it was last asked.
//
// Commits may land at any moment; what keeps a total exact is the order of each request: it
// asks the version first, and counts (on a reader, in a read transaction begun after the
// answer) only then. So a count has seen at least every commit its version reflects. A
// request that begins after a commit is visible is told a new version, and never gets a
// total kept under an older one. A count may be newer than its version, if a commit landed
// between question and count; it is then served only to requests that asked before that
// commit showed, for whom counting would have raced with the commit just the same. Counting
// first would be wrong: a count from before a commit could be kept under the version after it.
//
// PostgreSQL has no such cheap, exact signal for writes by other app servers, so it counts
// every time (counts is nil).
type counts struct {
	pool *sql.DB // the version connection comes from here (and again if it fails)

	connMu sync.Mutex // one question at a time on conn
	conn   *sql.Conn
	stmt   *sql.Stmt // PRAGMA data_version, prepared on conn

	mu    sync.Mutex
	at    countsStamp // the state every entry of byKey was counted in
	byKey map[string]int
}

// countsStamp names a state of the database: a data_version seen on one connection. Values of
// different connections are not comparable, hence the connection: if ours fails and another
// takes its place, nothing counted before is served again. (A connection stays in memory
// while a stamp names it, so a new one cannot have its address.)
type countsStamp struct {
	conn    *sql.Conn
	version int64
}

// maxCounts bounds the cache: a list's filters can be combined in many ways, and a rare one
// need not be kept. When full, it starts again empty, as it does after every commit.
const maxCounts = 4096

func newCounts(dsn string) (*counts, error) {
	pool, err := sql.Open("sqlite", sqliteDSN(dsn, false)+"&_pragma=query_only(1)")
	if err != nil {
		return nil, err
	}
	pool.SetMaxOpenConns(1)
	return &counts{pool: pool, byKey: map[string]int{}}, nil
}

func (c *counts) close() error {
	c.connMu.Lock()
	defer c.connMu.Unlock()
	if c.conn != nil {
		c.conn.Close()
	}
	return c.pool.Close()
}

// stamp asks the current state; false when it cannot tell (then count without the cache).
func (c *counts) stamp(ctx context.Context) (countsStamp, bool) {
	c.connMu.Lock()
	defer c.connMu.Unlock()
	if c.conn == nil {
		conn, err := c.pool.Conn(ctx)
		if err != nil {
			return countsStamp{}, false
		}
		st, err := conn.PrepareContext(ctx, "PRAGMA data_version")
		if err != nil {
			conn.Close()
			return countsStamp{}, false
		}
		c.conn, c.stmt = conn, st
	}
	var v int64
	// Not cancelled with the request: the question takes microseconds, and watching a
	// cancellable context costs modernc's driver a third of that.
	if err := c.stmt.QueryRowContext(context.WithoutCancel(ctx)).Scan(&v); err != nil {
		c.conn.Close() // the next request starts afresh on another connection
		c.conn, c.stmt = nil, nil
		return countsStamp{}, false
	}
	return countsStamp{c.conn, v}, true
}

// get returns the total of the query q with args, counting it with count unless it was
// counted in the current state.
func (c *counts) get(ctx context.Context, q string, args []any, count func() (int, error)) (int, error) {
	at, ok := c.stamp(ctx)
	if !ok {
		return count()
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
	n, err := count()
	if err != nil {
		return 0, err
	}
	c.mu.Lock()
	if c.at != at || len(c.byKey) >= maxCounts {
		// A request that saw an older state may reset the cache to it; that costs the next
		// requests a count, never a stale answer, since only requests that saw the same state
		// read the entries.
		c.at, c.byKey = at, map[string]int{}
	}
	c.byKey[key] = n
	c.mu.Unlock()
	return n, nil
}
