# shellcheck shell=bash
# A throwaway PostgreSQL (15 or later) for tests: a fresh cluster in a temporary folder, listening on
# 127.0.0.1 on a free port, trust authentication, gone without a trace when stopped.
#
#   source scripts/pg-throwaway.sh
#   pg_throwaway_start            # exports TEST_DATABASE_URL=postgres://postgres@127.0.0.1:PORT/postgres
#   trap pg_throwaway_stop EXIT   # recommended: always tear it down
#   pnpm test                     # the test harness makes its own database per test file from that URL
#   pg_throwaway_stop
#
# Also exported: PG_THROWAWAY_DIR (cluster, socket and server log), PG_THROWAWAY_PORT, PG_THROWAWAY_BIN
# (the PostgreSQL bin folder) and PG_THROWAWAY_LOG (the server log).
#
# Where the binaries come from: $PG_BIN if set, else the newest /usr/lib/postgresql/*/bin, else
# whatever pg_ctl is on PATH. If none is found and we are root (as on CI), PostgreSQL is installed
# from Debian/Ubuntu apt. initdb refuses to run as root, so as root the cluster belongs to the
# `postgres` OS user (created by the apt package) and is run with runuser.
#
# Tuning for tests, not for production (see infra/postgres/settings.md for that): fsync off, more
# connections (each test file has its own pool), and every connection is logged so a caller can
# check that tests really reached this server (pg_throwaway_connections).
#
# Safe to source from an interactive shell: it changes no shell options and every function returns
# non-zero on failure instead of exiting.

PG_THROWAWAY_MIN_VERSION=${PG_THROWAWAY_MIN_VERSION:-15}

_pg_throwaway_say() { printf '[pg-throwaway] %s\n' "$*" >&2; }

# Runs a command as the cluster's OS user (postgres when we are root, else ourselves).
_pg_throwaway_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

_pg_throwaway_free_port() {
  if command -v node >/dev/null 2>&1; then
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'
  else
    echo $((20000 + RANDOM % 20000))
  fi
}

_pg_throwaway_find_bin() {
  local dir
  if [ -n "${PG_BIN:-}" ] && [ -x "${PG_BIN}/pg_ctl" ]; then
    echo "$PG_BIN"
    return 0
  fi
  # shellcheck disable=SC2012  # version-sorted folder names, no odd characters
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ]; then
    echo "$dir"
    return 0
  fi
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return 0
  fi
  return 1
}

# Installs PostgreSQL from apt (root only). Stops Debian from creating and starting its own "main"
# cluster on port 5432 when postgresql-common is installed for the first time.
pg_throwaway_install() {
  if [ "$(id -u)" != 0 ]; then
    _pg_throwaway_say "PostgreSQL ${PG_THROWAWAY_MIN_VERSION}+ is not installed and I am not root: install it (e.g. sudo apt-get install -y postgresql) or set PG_BIN."
    return 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    _pg_throwaway_say "PostgreSQL is not installed and apt-get is not available: install PostgreSQL ${PG_THROWAWAY_MIN_VERSION}+ or set PG_BIN."
    return 1
  fi
  if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    mkdir -p /etc/postgresql-common && echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf
  fi
  _pg_throwaway_say "installing PostgreSQL from apt"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql postgresql-client >/dev/null
}

# Starts the cluster and exports TEST_DATABASE_URL. Extra arguments are passed to postgres as
# settings, e.g. pg_throwaway_start -c log_min_duration_statement=100
pg_throwaway_start() {
  local bin version dir port attempt opts
  if [ -n "${PG_THROWAWAY_DIR:-}" ] && [ -d "${PG_THROWAWAY_DIR}" ]; then
    _pg_throwaway_say "already running at ${TEST_DATABASE_URL:-?} (dir ${PG_THROWAWAY_DIR}); pg_throwaway_stop first"
    return 1
  fi
  if ! bin=$(_pg_throwaway_find_bin); then
    pg_throwaway_install || return 1
    bin=$(_pg_throwaway_find_bin) || { _pg_throwaway_say "PostgreSQL binaries still not found after install"; return 1; }
  fi
  version=$("$bin/postgres" --version | sed -E 's/[^0-9]*([0-9]+).*/\1/')
  if [ -z "$version" ] || [ "$version" -lt "$PG_THROWAWAY_MIN_VERSION" ]; then
    _pg_throwaway_say "found PostgreSQL ${version:-?} in $bin; need ${PG_THROWAWAY_MIN_VERSION} or later (set PG_BIN)"
    return 1
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres || return 1
  fi

  dir=$(mktemp -d "${TMPDIR:-/tmp}/concord-pg.XXXXXX") || return 1
  mkdir -p "$dir/sock" || return 1
  if [ "$(id -u)" = 0 ]; then chown -R postgres: "$dir" || return 1; fi
  chmod 700 "$dir"
  export PG_THROWAWAY_DIR=$dir PG_THROWAWAY_BIN=$bin PG_THROWAWAY_LOG=$dir/postgres.log

  # C locale and UTF8, as embedded PGlite uses, so both runs sort text the same way.
  if ! _pg_throwaway_as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust \
      -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1; then
    _pg_throwaway_say "initdb failed:"
    cat "$dir/initdb.log" >&2
    pg_throwaway_stop
    return 1
  fi

  # The port is free when we ask but may be taken before the server binds it: try a few times.
  for attempt in 1 2 3 4 5; do
    port=$(_pg_throwaway_free_port)
    opts="-p $port -h 127.0.0.1 -k $dir/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    opts="$opts -c max_connections=${PG_THROWAWAY_MAX_CONNECTIONS:-400} -c log_connections=on"
    if [ $# -gt 0 ]; then opts="$opts $*"; fi
    if _pg_throwaway_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 -o "$opts" start >/dev/null; then
      export PG_THROWAWAY_PORT=$port
      export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:${port}/postgres"
      _pg_throwaway_say "PostgreSQL $version running: TEST_DATABASE_URL=$TEST_DATABASE_URL (dir $dir)"
      return 0
    fi
    _pg_throwaway_say "start on port $port failed (attempt $attempt):"
    tail -n 20 "$dir/postgres.log" >&2 2>/dev/null || true
  done
  pg_throwaway_stop
  return 1
}

# Stops the server at once (no checkpoint: nothing in it is worth keeping) and deletes the folder.
# Idempotent, always returns 0, so it can sit in an EXIT trap.
pg_throwaway_stop() {
  local dir=${PG_THROWAWAY_DIR:-}
  if [ -n "$dir" ] && [ -d "$dir" ]; then
    if [ -f "$dir/data/postmaster.pid" ]; then
      _pg_throwaway_as_owner "${PG_THROWAWAY_BIN:-}/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
        _pg_throwaway_say "pg_ctl stop failed for $dir (was it running?)"
    fi
    rm -rf "$dir"
    _pg_throwaway_say "stopped and removed $dir"
  fi
  unset PG_THROWAWAY_DIR PG_THROWAWAY_PORT PG_THROWAWAY_LOG TEST_DATABASE_URL
  return 0
}

# How many client connections the server has authorised so far (from its log). A caller compares
# the count before and after a test run to prove the tests used this server and not a fallback.
pg_throwaway_connections() {
  local log=${PG_THROWAWAY_LOG:-}
  if [ -z "$log" ] || [ ! -f "$log" ]; then echo 0; return 0; fi
  grep -c 'connection authorized' "$log" 2>/dev/null || true
}

# psql against the throwaway server: pg_throwaway_psql -c 'select version()'
pg_throwaway_psql() {
  if [ -z "${TEST_DATABASE_URL:-}" ]; then _pg_throwaway_say "not running"; return 1; fi
  local psql=psql
  if [ -x "${PG_THROWAWAY_BIN:-}/psql" ]; then psql=$PG_THROWAWAY_BIN/psql; fi
  "$psql" "$TEST_DATABASE_URL" -X -v ON_ERROR_STOP=1 "$@"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  echo "Source this file, do not run it: source ${BASH_SOURCE[0]}; pg_throwaway_start; ...; pg_throwaway_stop" >&2
  exit 2
fi
