// Package web holds the built single-page application (web/dist), embedded
// into the binary so that `go build` never needs Node.
package web

import "embed"

// Dist is the built UI. Rebuild it with `npm ci && npm run build` in web/.
//
//go:embed all:dist
var Dist embed.FS
