#!/usr/bin/env bash
# Builds (once, cached) and starts FerretDB 1.24.2 on a free loopback port with its
# PostgreSQL handler. Prints the MongoDB URI on stdout; the PID goes to $FERRETDB_PIDFILE.
#
# Why not plain `go install ...@v1.24.2`: the module proxy refuses the version list
# (403) that `go install` reads for deprecation notices, and the module as published
# lacks build/version/version.txt, which FerretDB embeds and panics without. So we
# download that exact version, add the file, and build the copy.
set -euo pipefail

FERRETDB_VERSION=v1.24.2
CACHE_DIR="${FERRETDB_CACHE_DIR:-$HOME/.cache/marketdesk}"
BIN="$CACHE_DIR/ferretdb-$FERRETDB_VERSION"
PIDFILE="${FERRETDB_PIDFILE:-/tmp/marketdesk-ferretdb.pid}"
PG_URL_BASE="${FERRETDB_PG_URL_BASE:-postgres://postgres@127.0.0.1:5432}"

log() { echo "[ferretdb] $*" >&2; }

build_ferretdb() {
  mkdir -p "$CACHE_DIR"
  local work
  work="$(mktemp -d)"
  local started=$SECONDS
  log "building FerretDB $FERRETDB_VERSION (cached afterwards at $BIN)"
  local src
  src="$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  cp -r "$src" "$work/src"
  chmod -R u+w "$work/src"
  echo "$FERRETDB_VERSION" >"$work/src/build/version/version.txt"
  (cd "$work/src" && go build -o "$BIN.tmp" ./cmd/ferretdb)
  mv "$BIN.tmp" "$BIN"
  rm -rf "$work"
  log "built in $((SECONDS - started)) s"
}

ensure_postgres() {
  if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    log "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

[[ -x "$BIN" ]] || build_ferretdb
ensure_postgres

DB_NAME="ferretdb_${FERRETDB_DB_SUFFIX:-$$}"
psql "$PG_URL_BASE/postgres" -qtAc "DROP DATABASE IF EXISTS $DB_NAME" >/dev/null
psql "$PG_URL_BASE/postgres" -qtAc "CREATE DATABASE $DB_NAME" >/dev/null

PORT="$(free_port)"
STATE_DIR="$(mktemp -d)"
# FerretDB v1 holds a PostgreSQL connection per statement until a command ends, so its pool must
# cover two test workers' bursts; PostgreSQL allows 100 connections in all, and a pool of 40 leaves
# room for a second FerretDB on the same PostgreSQL (another checkout's tests, a shared server)
POOL_MAX_CONNS="${FERRETDB_POOL_MAX_CONNS:-40}"
"$BIN" --handler=postgresql --postgresql-url="$PG_URL_BASE/$DB_NAME?pool_max_conns=$POOL_MAX_CONNS" \
  --listen-addr="127.0.0.1:$PORT" --debug-addr=- --telemetry=disable --state-dir="$STATE_DIR" \
  --log-level=WARN >"$STATE_DIR/ferretdb.log" 2>&1 &
echo $! >"$PIDFILE"

for _ in $(seq 1 60); do
  if (echo >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    log "listening on 127.0.0.1:$PORT (pid $(cat "$PIDFILE"), log $STATE_DIR/ferretdb.log)"
    echo "mongodb://127.0.0.1:$PORT/"
    exit 0
  fi
  sleep 0.5
done
log "did not start; its log:"
cat "$STATE_DIR/ferretdb.log" >&2
exit 1
