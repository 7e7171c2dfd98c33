#!/usr/bin/env bash
# Everything up on one machine: the local PostGIS (or the external database in
# ConnectionStrings__CommandCenter), migrations, the 133 grids, the ingest service with the built-in
# simulator feeding it, and the web app. Prints the URLs; Ctrl-C stops everything it started.
#
# Settings (environment): CC_WEB_PORT (5080), CC_INGEST_PORT (5081), CC_PG_PORT (55432 or "auto"),
# ConnectionStrings__CommandCenter (use this database instead of the local one), CC_SIMULATE=0 (no simulator).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
WEB_PORT=${CC_WEB_PORT:-5080}
INGEST_PORT=${CC_INGEST_PORT:-5081}
PGDIR=.data/pg
mkdir -p .data

say() { printf '\033[1mrun.sh:\033[0m %s\n' "$*"; }
die() { printf 'run.sh: error: %s\n' "$*" >&2; exit 1; }

# One run.sh at a time: a second one would fight over the ports and the database folder.
exec 9>.data/run.lock
if ! flock -n 9; then
  die "run.sh is already running in this checkout (pid $(cat .data/run.pid 2>/dev/null || echo '?')): the web app is at http://127.0.0.1:$WEB_PORT/. Stop it with Ctrl-C in its terminal first."
fi
echo $$ > .data/run.pid

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$WEB_PORT" "$INGEST_PORT"; do
  port_busy "$p" && die "port $p on 127.0.0.1 is already in use by another program. Stop it, or choose other ports: CC_WEB_PORT=... CC_INGEST_PORT=... ./run.sh"
done

scripts/prereqs.sh

pids=()
started_pg=no
cleanup() {
  # A second Ctrl-C (or TERM from a supervisor) must not cut the clean-up short and leave PostgreSQL running.
  trap - EXIT; trap '' INT TERM
  say "stopping ..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ $started_pg = yes ] && scripts/pg.sh stop "$PGDIR" || true
  rm -f .data/run.pid
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

CC_EXTERNAL_DB=${ConnectionStrings__CommandCenter:+yes}
if [ -n "${ConnectionStrings__CommandCenter:-}" ]; then
  say "using the external database from ConnectionStrings__CommandCenter"
else
  scripts/pg.sh status "$PGDIR" >/dev/null 2>&1 || started_pg=yes
  ConnectionStrings__CommandCenter=$(scripts/pg.sh start "$PGDIR" "${CC_PG_PORT:-55432}")
  export ConnectionStrings__CommandCenter
  say "local PostGIS: $ConnectionStrings__CommandCenter (data in $PGDIR)"
fi

say "building (the first run restores packages and takes a few minutes) ..."
dotnet publish src/CommandCenter.Ingest -c Release -o .data/publish/ingest -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet publish src/CommandCenter -c Release -o .data/publish/web -nologo -v quiet -clp:ErrorsOnly >/dev/null
INGEST=.data/publish/ingest/CommandCenter.Ingest
WEB=.data/publish/web/CommandCenter

"$INGEST" migrate || die "the database could not be migrated (see the message above)"
if "$INGEST" --help 2>/dev/null | grep -q '^ *geo'; then
  "$INGEST" geo import assets/geo/grids.geojson || die "the grids in assets/geo/grids.geojson could not be imported"
fi

# The first administrator (only on a database without one) and a wall-screen link. Neither secret is in
# the repository; the one-time password is printed once, the kiosk link is kept in .data (mode 600).
admin_note=$("$INGEST" admin init) || die "the first administrator could not be created (see the message above)"
if [ ! -s .data/kiosk-link ]; then
  (umask 077; "$INGEST" admin kiosk create "指挥中心大屏" --location "指挥中心" --base-url "http://127.0.0.1:$WEB_PORT" | tail -n 1 > .data/kiosk-link) \
    || die "the wall-screen link could not be created"
fi
KIOSK_LINK=$(cat .data/kiosk-link)

# The web app's own ingest key (source grid-web) for the grid workers' phone page /m: a new key on every
# start, the previous ones revoked, handed to the web app in its environment only (Ingest__ApiKey) —
# never written to .data, never on a command line (which `ps` shows to every user).
"$INGEST" keys revoke grid-web >/dev/null 2>&1 || true
GRID_WEB_KEY=$("$INGEST" keys create grid-web --label "web app /m (run.sh)" 2>/dev/null | tail -n 1)
[[ $GRID_WEB_KEY == cc_* ]] || die "the web app's ingest key (source grid-web) could not be created"

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}
# Each service runs under scripts/supervise.sh: a crash is logged and the service started again with
# backoff, instead of taking the rest of the stack down with it.
: > .data/ingest.log; : > .data/web.log
scripts/supervise.sh "the ingest service" .data/ingest.log "$INGEST" serve --urls "http://127.0.0.1:$INGEST_PORT" & pids+=($!)
# The web app gets the ingest URL and its key in its environment only (inherited by the supervised process).
Ingest__Url="http://127.0.0.1:$INGEST_PORT" Ingest__ApiKey="$GRID_WEB_KEY" \
  scripts/supervise.sh "the web app" .data/web.log env -C .data/publish/web ./CommandCenter --urls "http://127.0.0.1:$WEB_PORT" & pids+=($!)
unset GRID_WEB_KEY

# The local cluster is watched too: started again (pg.sh keeps its port) if it stops, so the services,
# which retry their connections by themselves, find it where they look.
if [ -z "${CC_EXTERNAL_DB:-}" ]; then
  (
    trap 'exit 0' TERM INT
    while true; do
      sleep 5 & wait $! || true
      if ! scripts/pg.sh status "$PGDIR" >/dev/null 2>&1; then
        say "PostgreSQL in $PGDIR stopped; starting it again on its port" >&2
        scripts/pg.sh start "$PGDIR" >/dev/null 2>>.data/pg-restart.log || say "PostgreSQL did not start (see $PGDIR/server.log); trying again" >&2
      fi
    done
  ) & pids+=($!)
fi

wait_healthy() {
  local url=$1 name=$2 log=$3
  for _ in $(seq 1 120); do
    curl -fsS "$url/healthz" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  tail -n 30 "$log" >&2
  die "$name did not become healthy at $url/healthz (log: $log)"
}
wait_healthy "http://127.0.0.1:$INGEST_PORT" "the ingest service" .data/ingest.log
wait_healthy "http://127.0.0.1:$WEB_PORT" "the web app" .data/web.log

if [ "${CC_SIMULATE:-1}" != 0 ] && "$INGEST" --help 2>/dev/null | grep -q '^ *simulate'; then
  : > .data/simulator.log
  scripts/supervise.sh "the simulator" .data/simulator.log "$INGEST" simulate --ingest-url "http://127.0.0.1:$INGEST_PORT" & pids+=($!)
  say "simulator feeding the ingest service (log: .data/simulator.log)"
fi

cat <<MSG

  雉城街道社会治理指挥中心 is up:
    web app (大屏 / 值班 / 趋势 / 管理)   http://127.0.0.1:$WEB_PORT/
    wall screen (大屏)                   http://127.0.0.1:$WEB_PORT/screen
    ingest API                           http://127.0.0.1:$INGEST_PORT/   (health: /healthz)
    logs                                 .data/web.log, .data/ingest.log

  Sign-in:
    $admin_note
    wall-screen (kiosk) link, open once on the screen:
      $KIOSK_LINK
    (rotate it: ingest admin kiosk create NAME, then admin kiosk revoke ID; see README "Security")

  A service that crashes is restarted (see its log); Ctrl-C stops everything run.sh started.
MSG

# The supervisors run until Ctrl-C; wait returns only for a signal (and the trap cleans up).
wait
