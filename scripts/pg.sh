#!/usr/bin/env bash
# The project's own PostgreSQL + PostGIS, in a folder of the checkout.
#   scripts/pg.sh start  DIR [PORT]   create (first time) and start a cluster; prints its connection string
#   scripts/pg.sh stop   DIR          stop it cleanly
#   scripts/pg.sh status DIR          "running PORT" or "stopped" (exit 3 when stopped)
#   scripts/pg.sh url    DIR          the connection string of a running cluster
#   scripts/pg.sh replica DIR PORT PRIMARY_PORT
#                                     a streaming replica of the running primary on PRIMARY_PORT: copied
#                                     with pg_basebackup -R (the first time) and started read-only on PORT
# PORT: a number, or "auto" for a free one. Without PORT the cluster gets the port it had last time
# (kept in DIR/port), or a free one on its first start: a restarted cluster is where the services look.
# The cluster listens on 127.0.0.1 only, with its unix socket inside DIR.
set -euo pipefail

DB_NAME=${CC_DB_NAME:-commandcenter}
DB_USER=${CC_DB_USER:-commandcenter}

die() { echo "pg.sh: $*" >&2; exit 1; }

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return; }
  return 1
}

as_owner() {
  # initdb refuses to run as root: run the server as the postgres system user then.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_installed() {
  local bin; bin=$(pg_bin || true)
  local have_postgis=no
  if [ -n "$bin" ]; then
    local share; share=$("$bin/pg_config" --sharedir 2>/dev/null || echo /usr/share/postgresql)
    ls "$share"/extension/postgis.control >/dev/null 2>&1 && have_postgis=yes
  fi
  if [ -n "$bin" ] && [ $have_postgis = yes ]; then return; fi
  local pkgs="postgresql-15-postgis-3"
  [ -z "$bin" ] && pkgs="postgresql-15 $pkgs"
  if ! command -v apt-get >/dev/null 2>&1; then
    die "PostgreSQL 15 with PostGIS 3 is missing and apt-get is not available. Install by hand: $pkgs (or set ConnectionStrings__CommandCenter to an external database with PostGIS)."
  fi
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo -n"
  echo "pg.sh: installing $pkgs with apt-get ..." >&2
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $pkgs; } >&2; then
    die "apt-get could not install $pkgs. Install them by hand (as root: apt-get install -y $pkgs) and run again."
  fi
}

port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
  # A port can also be taken as the local end of an outgoing connection (ephemeral range): bind fails then.
  command -v ss >/dev/null 2>&1 && ss -tanH 2>/dev/null | awk -v p=":$1" '$1 != "TIME-WAIT" && substr($4, length($4) - length(p) + 1) == p { f = 1 } END { exit !f }' && return 0
  return 1
}

free_port() {
  local p
  # Below Linux's ephemeral range (32768-60999): a port there can be held by any outgoing connection
  # (even one in TIME_WAIT, which a connect test does not see), and postgres then fails to bind.
  for p in $(shuf -i 20000-32000 -n 100); do
    port_busy "$p" || { echo "$p"; return; }
  done
  die "no free TCP port found on 127.0.0.1"
}

conn_string() {
  echo "Host=127.0.0.1;Port=$1;Username=$DB_USER;Database=$DB_NAME"
}

running_port() {
  local dir=$1 bin; bin=$(pg_bin) || return 1
  [ -f "$dir/data/postmaster.pid" ] || return 1
  as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 || return 1
  sed -n 4p "$dir/data/postmaster.pid"
}

cmd_start() {
  local dir=${1:?DIR}; local want=${2:-}
  ensure_installed
  local bin; bin=$(pg_bin) || die "pg_ctl not found after install"
  mkdir -p "$dir"; dir=$(cd "$dir" && pwd)
  local port
  if port=$(running_port "$dir"); then
    echo "pg.sh: reusing the cluster already running in $dir on port $port" >&2
    conn_string "$port"; return
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U "$DB_USER" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || die "initdb failed, see $dir/initdb.log"
  fi
  if [ -z "$want" ] && [ -f "$dir/port" ]; then
    want=$(cat "$dir/port")
    # The services were configured with this port: moving silently would leave them talking to nothing.
    port_busy "$want" && die "port $want, where the cluster in $dir ran before, is now in use by another program. Stop it, or start with an explicit port (or 'auto') and point the services there."
  fi
  if [ -z "$want" ] || [ "$want" = auto ]; then port=$(free_port); else
    port=$want
    port_busy "$port" && die "port $port on 127.0.0.1 is already in use by another program. Stop it, or choose another port (CC_PG_PORT=... or 'auto')."
  fi
  [ "$(id -u)" = 0 ] && chown -R postgres: "$dir"
  if ! as_owner "$bin/pg_ctl" -D "$dir/data" -w -t 60 -l "$dir/server.log" \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB -c fsync=${CC_PG_FSYNC:-on}" start >/dev/null; then
    tail -n 20 "$dir/server.log" >&2 || true
    die "PostgreSQL did not start (log: $dir/server.log)"
  fi
  echo "$port" >"$dir/port"
  local psql="$bin/psql -h 127.0.0.1 -p $port -U $DB_USER -X -q -v ON_ERROR_STOP=1"
  if ! $psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'" | grep -q 1; then
    $psql -d postgres -c "CREATE DATABASE \"$DB_NAME\""
  fi
  $psql -d "$DB_NAME" -c "CREATE EXTENSION IF NOT EXISTS postgis" 2>&1 | grep -v 'already exists' >&2 || true
  conn_string "$port"
}

cmd_stop() {
  local dir=${1:?DIR}; local bin; bin=$(pg_bin) || exit 0
  [ -f "$dir/data/postmaster.pid" ] || { echo "pg.sh: nothing running in $dir" >&2; return 0; }
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null && echo "pg.sh: stopped the cluster in $dir" >&2
}

cmd_status() {
  local port
  if port=$(running_port "${1:?DIR}"); then echo "running $port"; else echo stopped; exit 3; fi
}

cmd_url() {
  local port; port=$(running_port "${1:?DIR}") || die "no cluster running in $1"
  conn_string "$port"
}

cmd_replica() {
  local dir=${1:?DIR} port=${2:?PORT} primary=${3:?PRIMARY_PORT}
  ensure_installed
  local bin; bin=$(pg_bin) || die "pg_ctl not found after install"
  mkdir -p "$dir"; dir=$(cd "$dir" && pwd)
  local running
  if running=$(running_port "$dir"); then
    echo "pg.sh: reusing the replica already running in $dir on port $running" >&2
    conn_string "$running"; return
  fi
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    # -R writes standby.signal and primary_conninfo; -X stream copies the WAL written meanwhile, so the copy
    # is consistent on its own. The initdb clusters trust loopback replication connections (pg_hba).
    as_owner "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary" -U "$DB_USER" -D "$dir/data" -R -X stream -c fast \
        >"$dir/basebackup.log" 2>&1 || die "pg_basebackup from port $primary failed, see $dir/basebackup.log"
  fi
  port_busy "$port" && die "port $port on 127.0.0.1 is already in use by another program"
  [ "$(id -u)" = 0 ] && chown -R postgres: "$dir"
  if ! as_owner "$bin/pg_ctl" -D "$dir/data" -w -t 60 -l "$dir/server.log" \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c hot_standby=on -c hot_standby_feedback=on" start >/dev/null; then
    tail -n 20 "$dir/server.log" >&2 || true
    die "the replica did not start (log: $dir/server.log)"
  fi
  echo "$port" >"$dir/port"
  conn_string "$port"
}

case "${1:-}" in
  replica) shift; cmd_replica "$@" ;;
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  status) shift; cmd_status "$@" ;;
  url) shift; cmd_url "$@" ;;
  *) echo "usage: scripts/pg.sh start|stop|status|url DIR [PORT] | replica DIR PORT PRIMARY_PORT" >&2; exit 2 ;;
esac
