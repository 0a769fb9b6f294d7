// Package storetest opens a fresh, migrated database for each test: embedded SQLite in a temp
// directory by default, or a new PostgreSQL database when ZHAOYIN_TEST_PG holds a server URL
// (e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres). The same tests run on both.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"zhaoyin/store"
)

// EnvPG names the variable that switches the store tests to PostgreSQL.
const EnvPG = "ZHAOYIN_TEST_PG"

// DSN returns a DSN for a fresh, empty database, dropped when the test ends.
func DSN(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(EnvPG)
	if admin == "" {
		return filepath.Join(t.TempDir(), "zhaoyin.db")
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "zt_" + hex.EncodeToString(b)
	adb, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	// C.UTF-8 so that pg_trgm indexes Chinese text.
	if _, err := adb.Exec("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'"); err != nil {
		adb.Close()
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		adb.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		adb.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// Open returns a fresh migrated database, closed when the test ends.
func Open(t testing.TB) *store.DB {
	t.Helper()
	return OpenDSN(t, DSN(t))
}

// OpenDSN opens (and migrates) the database of dsn, closed when the test ends. Opening one
// DSN twice gives two stores on one database, as two processes or app servers have.
func OpenDSN(t testing.TB, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
