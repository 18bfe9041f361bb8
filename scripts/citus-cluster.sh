#!/usr/bin/env bash
# A throwaway Citus cluster for tests (issue 15): a coordinator and two workers (PostgreSQL 15 + Citus)
# on 127.0.0.1, each on a free port, trust authentication, in one temporary folder, gone when stopped.
#
#   bash scripts/citus-cluster.sh start          # prints shell lines to eval:
#                                                #   export CITUS_CLUSTER_DIR=… TEST_DATABASE_URL=…
#   eval "$(bash scripts/citus-cluster.sh start)"
#   bash scripts/citus-cluster.sh add-worker     # a further worker (registered), prints its port
#   bash scripts/citus-cluster.sh start-node N   # a further node, registered nowhere, prints its port (stop-node N)
#   bash scripts/citus-cluster.sh stop           # stops every node and deletes $CITUS_CLUSTER_DIR
#
# or sourced:  source scripts/citus-cluster.sh; citus_cluster_start; trap citus_cluster_stop EXIT
#
# If Citus is not installed it is installed from the archive CITUS_ARCHIVE names (a Citus build for PostgreSQL 15),
# as root or through `sudo -n`: one tar into /. The script reads nothing outside the repository itself: .ci/run
# passes the test archive's path.
#
# The nodes run as the `postgres` OS user when we are root (initdb refuses root). The coordinator's
# `postgres` database gets the citus extension and the workers registered, so TEST_DATABASE_URL names a
# working cluster; every new database needs the same (packages/db/src/citus.ts does it for test databases).
# CITUS_WORKERS (default 2) sets how many workers start. Tuned for tests: fsync off.

_citus_say() { printf '[citus-cluster] %s\n' "$*" >&2; }

CITUS_PG_BIN=${CITUS_PG_BIN:-/usr/lib/postgresql/15/bin}
CITUS_ARCHIVE=${CITUS_ARCHIVE:-}

_citus_as_owner() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

_citus_free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

_citus_psql() {
  local port=$1
  shift
  "$CITUS_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"
}

citus_installed() {
  [ -f "$("$CITUS_PG_BIN/pg_config" --pkglibdir 2>/dev/null || echo /usr/lib/postgresql/15/lib)/citus.so" ]
}

citus_install() {
  local sudo=()
  if citus_installed; then return 0; fi
  if [ ! -x "$CITUS_PG_BIN/pg_ctl" ]; then
    _citus_say "PostgreSQL 15 is not in $CITUS_PG_BIN (set CITUS_PG_BIN): the Citus archive is built for it"
    return 1
  fi
  if [ -z "$CITUS_ARCHIVE" ] || [ ! -f "$CITUS_ARCHIVE" ]; then
    _citus_say "Citus is not installed and the archive is missing: $CITUS_ARCHIVE (set CITUS_ARCHIVE)"
    return 1
  fi
  if [ "$(id -u)" != 0 ]; then sudo=(sudo -n); fi
  _citus_say "installing Citus from $CITUS_ARCHIVE"
  "${sudo[@]}" tar xzf "$CITUS_ARCHIVE" -C / || { _citus_say "could not install the archive (root or sudo -n needed)"; return 1; }
  citus_installed || { _citus_say "citus.so still missing after the install"; return 1; }
}

# Starts one node in $CITUS_CLUSTER_DIR/<name>; prints its port.
_citus_start_node() {
  local name=$1 dir=$CITUS_CLUSTER_DIR/$1 port attempt
  if ! _citus_as_owner "$CITUS_PG_BIN/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C --no-sync \
      >"$CITUS_CLUSTER_DIR/$name.initdb.log" 2>&1; then
    _citus_say "initdb of $name failed:"
    cat "$CITUS_CLUSTER_DIR/$name.initdb.log" >&2
    return 1
  fi
  {
    echo "shared_preload_libraries = 'citus'"
    echo "fsync = off"
    echo "synchronous_commit = off"
    echo "full_page_writes = off"
    echo "max_connections = ${CITUS_MAX_CONNECTIONS:-300}"
    echo "max_prepared_transactions = 200"
    echo "wal_level = logical"
    echo "max_replication_slots = 20"
    echo "max_wal_senders = 20"
    echo "log_connections = on"
    echo "citus.max_client_connections = 200"
  } | _citus_as_owner tee -a "$dir/postgresql.conf" >/dev/null
  for attempt in 1 2 3 4 5; do
    port=$(_citus_free_port)
    if _citus_as_owner "$CITUS_PG_BIN/pg_ctl" -D "$dir" -l "$CITUS_CLUSTER_DIR/$name.log" -w -t 60 \
        -o "-p $port -h 127.0.0.1 -k $CITUS_CLUSTER_DIR/sock" start >/dev/null; then
      echo "$port" >"$CITUS_CLUSTER_DIR/$name.port"
      _citus_psql "$port" -c 'CREATE EXTENSION IF NOT EXISTS citus' || return 1
      echo "$port"
      return 0
    fi
    _citus_say "start of $name on port $port failed (attempt $attempt)"
    tail -n 20 "$CITUS_CLUSTER_DIR/$name.log" >&2 2>/dev/null || true
  done
  return 1
}

# Starts the coordinator and CITUS_WORKERS workers; exports CITUS_CLUSTER_DIR, CITUS_COORDINATOR_PORT and
# TEST_DATABASE_URL. On failure everything started so far is stopped.
citus_cluster_start() {
  local port wport i
  citus_install || return 1
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres || return 1
  fi
  CITUS_CLUSTER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/concord-citus.XXXXXX") || return 1
  export CITUS_CLUSTER_DIR
  mkdir -p "$CITUS_CLUSTER_DIR/sock"
  if [ "$(id -u)" = 0 ]; then chown -R postgres: "$CITUS_CLUSTER_DIR"; fi
  chmod 700 "$CITUS_CLUSTER_DIR"
  port=$(_citus_start_node coordinator) || { citus_cluster_stop; return 1; }
  _citus_psql "$port" -c "SELECT citus_set_coordinator_host('127.0.0.1', $port)" >/dev/null || { citus_cluster_stop; return 1; }
  for i in $(seq 1 "${CITUS_WORKERS:-2}"); do
    wport=$(_citus_start_node "worker$i") || { citus_cluster_stop; return 1; }
    _citus_psql "$port" -c "SELECT citus_add_node('127.0.0.1', $wport)" >/dev/null || { citus_cluster_stop; return 1; }
  done
  export CITUS_COORDINATOR_PORT=$port
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:${port}/postgres"
  _citus_say "Citus $(_citus_psql "$port" -Atc "SELECT extversion FROM pg_extension WHERE extname = 'citus'") running:" \
    "coordinator on $port, workers: $(_citus_psql "$port" -Atc "SELECT string_agg(nodeport::text, ', ') FROM pg_dist_node WHERE groupid > 0")" \
    "(dir $CITUS_CLUSTER_DIR)"
}

# A further worker, registered with the coordinator's postgres database; prints its port. Databases made
# before it do not know it: register it there too (citus_add_node in that database).
citus_cluster_add_worker() {
  local n wport
  [ -n "${CITUS_CLUSTER_DIR:-}" ] && [ -d "$CITUS_CLUSTER_DIR" ] || { _citus_say "no cluster (CITUS_CLUSTER_DIR)"; return 1; }
  n=$(find "$CITUS_CLUSTER_DIR" -maxdepth 1 -name 'worker*.port' | wc -l)
  wport=$(_citus_start_node "worker$((n + 1))") || return 1
  _citus_psql "$(cat "$CITUS_CLUSTER_DIR/coordinator.port")" -c "SELECT citus_add_node('127.0.0.1', $wport)" >/dev/null || return 1
  echo "$wport"
}

# A further node NAME, started but registered nowhere (the rebalance test adds it to its own database only, so
# the other test databases, copied on every registered node, never meet it); prints its port.
citus_cluster_start_node() {
  [ -n "${CITUS_CLUSTER_DIR:-}" ] && [ -d "$CITUS_CLUSTER_DIR" ] || { _citus_say "no cluster (CITUS_CLUSTER_DIR)"; return 1; }
  [[ "${1:-}" =~ ^[a-z][a-z0-9]*$ ]] && [ ! -e "$CITUS_CLUSTER_DIR/$1" ] || { _citus_say "start-node needs a new name: ${1:-}"; return 1; }
  _citus_start_node "$1"
}

# Stops the node NAME and deletes its folder.
citus_cluster_stop_node() {
  local node=${CITUS_CLUSTER_DIR:-}/${1:-}
  [[ "${1:-}" =~ ^[a-z][a-z0-9]*$ ]] && [ -f "$node/postmaster.pid" ] || { _citus_say "no running node ${1:-}"; return 1; }
  _citus_as_owner "$CITUS_PG_BIN/pg_ctl" -D "$node" -m fast -w -t 30 stop >/dev/null || return 1
  rm -rf "$node" "$node.port" "$node.log" "$node.initdb.log"
}

# Stops every node at once and deletes the folder. Idempotent, always returns 0 (fit for an EXIT trap).
citus_cluster_stop() {
  local dir=${CITUS_CLUSTER_DIR:-} node
  if [ -n "$dir" ] && [ -d "$dir" ]; then
    for node in "$dir"/*/; do
      if [ -f "$node/postmaster.pid" ]; then
        _citus_as_owner "$CITUS_PG_BIN/pg_ctl" -D "$node" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
          _citus_say "pg_ctl stop failed for $node"
      fi
    done
    rm -rf "$dir"
    _citus_say "stopped and removed $dir"
  fi
  unset CITUS_CLUSTER_DIR CITUS_COORDINATOR_PORT
  return 0
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -uo pipefail
  case "${1:-}" in
    start)
      trap 'citus_cluster_stop' EXIT
      citus_cluster_start || exit 1
      trap - EXIT
      printf 'export CITUS_CLUSTER_DIR=%q CITUS_COORDINATOR_PORT=%q TEST_DATABASE_URL=%q\n' \
        "$CITUS_CLUSTER_DIR" "$CITUS_COORDINATOR_PORT" "$TEST_DATABASE_URL"
      ;;
    add-worker) citus_cluster_add_worker ;;
    start-node) citus_cluster_start_node "${2:-}" ;;
    stop-node) citus_cluster_stop_node "${2:-}" ;;
    stop) citus_cluster_stop ;;
    install) citus_install ;;
    *)
      echo "usage: $0 start | add-worker | start-node NAME | stop-node NAME | stop | install   (all but start and install read CITUS_CLUSTER_DIR)" >&2
      exit 2
      ;;
  esac
fi
