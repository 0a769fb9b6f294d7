# Zhaoyin 招引 — two commands: `make run` serves the demo city, `make test` runs every test.
GO ?= go
BIN := bin/zhaoyin
DB ?= ./zhaoyin.db
ADDR ?= 127.0.0.1:8080

.PHONY: all build run test test-go test-pg test-web check web web-check bench clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/zhaoyin

# The demo city on embedded SQLite at http://127.0.0.1:8080 (the web UI is embedded, built).
run: build
	./$(BIN) serve --demo --addr $(ADDR) --db $(DB)

# Every test: formatting and vet, Go tests on SQLite and on PostgreSQL, the UI build check,
# unit tests and browser tests in Chromium. scripts/test-deps.sh installs and starts what is missing.
test: check
	@pg=$$(scripts/test-deps.sh | tail -n 1) && \
	echo "== Go tests on SQLite" && $(GO) test -count=1 ./... && \
	echo "== Go tests on PostgreSQL ($$pg)" && ZHAOYIN_TEST_PG="$$pg" $(GO) test -count=1 ./... && \
	$(MAKE) --no-print-directory test-web

check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './web/node_modules/*')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

test-web: web-check
	cd web && npm test
	cd web && npm run e2e

web:
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build

# The committed web/dist must be what the sources build.
web-check:
	cd web && npm run build >/dev/null
	@git diff --quiet -- web/dist && test -z "$$(git status --porcelain -- web/dist)" || \
		(echo "web/dist does not match the sources: run 'make web' and commit web/dist"; git status --short -- web/dist | head; exit 1)

# Benchmarks named by the issues, at their sizes (figures go into the closing notes).
bench:
	@pg=$$(scripts/test-deps.sh | tail -n 1) && \
	echo "== SQLite" && $(GO) test -run '^$$' -bench . -benchtime 1x -timeout 60m ./bench/ ./store/ && \
	echo "== PostgreSQL" && ZHAOYIN_TEST_PG="$$pg" $(GO) test -run '^$$' -bench . -benchtime 1x -timeout 60m ./bench/ ./store/

clean:
	rm -rf bin
