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
// (stamp), and is served a kept total only if it was counted in that same state (count).
// How each engine names its state, and why that is exact, is in dialect.go: PRAGMA
// data_version on SQLite, the snapshot on PostgreSQL.
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

// maxCounts bounds the cache: a list's filters can be combined in many ways, and a rare one
// need not be kept. When full, it starts again empty, as it does after every commit.
const maxCounts = 4096

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
