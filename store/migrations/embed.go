// Package migrations holds the one ordered migration stream for both engines: shared .sql
// files, and NAME.sqlite.sql / NAME.postgres.sql only where the engines differ.
package migrations

import "embed"

//go:embed *.sql
var FS embed.FS
