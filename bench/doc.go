// Package bench holds the benchmarks the issues name, at the sizes they name; run them with
// `make bench` (SQLite, then PostgreSQL). Each reports its figures as custom metrics.
package bench
