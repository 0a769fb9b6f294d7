#!/usr/bin/env bash
# Makes sure what the tests need is on this machine: a running PostgreSQL 15 reachable with a
# password over loopback (for the engine-parity tests), Chromium and CJK fonts (browser tests),
# and the web UI's npm packages. Prints the PostgreSQL URL for the tests on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
fc-list 2>/dev/null | grep -qi "noto sans cjk" || need_apt+=(fonts-noto-cjk)
command -v pg_ctlcluster >/dev/null 2>&1 || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
	echo "installing: ${need_apt[*]}" >&2
	(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}") >&2
fi

url="${ZHAOYIN_TEST_PG:-postgres://postgres:postgres@127.0.0.1:5432/postgres}"
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
	cluster=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1{print $1" "$2}')
	[ -n "$cluster" ] || { echo "no PostgreSQL cluster found" >&2; exit 1; }
	pg_ctlcluster $cluster start >&2
	for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
fi
if [ -z "${ZHAOYIN_TEST_PG:-}" ]; then
	su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null 2>&1 || true
fi

if [ -f web/package.json ] && [ ! -d web/node_modules ]; then
	(cd web && npm ci --no-audit --no-fund --loglevel=error) >&2
fi
echo "$url"
