#!/usr/bin/env bash
# Several nodes on one machine, the way a district deploys CommandCenter (README "Deploying on several
# nodes"): a PostgreSQL + PostGIS primary, one streaming replica (pg_basebackup -R) that serves /trends
# reads, two web nodes, two ingest nodes and Debian's nginx in front with a generated configuration.
# Everything lives in one folder of the checkout, listens on 127.0.0.1 only, and stops on Ctrl-C / TERM.
# ./run.sh stays the one-node default.
#
# Settings (environment):
#   CC_CLUSTER_DIR    folder for data, logs and the nginx configuration   (.data/cluster)
#   CC_CLUSTER_PORT   first of nine consecutive ports                      (5341)
#                     +0 nginx web, +1 nginx ingest, +2/+3 web nodes, +4/+5 ingest nodes,
#                     +6 PostgreSQL primary, +7 replica
#   CC_SIMULATE=0     no simulator (default: one simulator posting through nginx)
#   CC_CLUSTER_BUILD  publish (Release, Production; default), or debug / release: the solution's existing
#                     build output of that configuration in Development (tests and ./bench.sh cluster: no second build)
#   CC_CLUSTER_RESTART=0  do not restart a node that exits (tests kill nodes on purpose)
#   CC_CLUSTER_FRESH=1    remove the folder's databases first
# When everything answers, DIR/cluster.env holds the URLs, ports and process ids (for tests and bench.sh).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
DIR=${CC_CLUSTER_DIR:-.data/cluster}
BASE=${CC_CLUSTER_PORT:-5341}
BUILD=${CC_CLUSTER_BUILD:-publish}
RESTART=${CC_CLUSTER_RESTART:-1}
mkdir -p "$DIR"; DIR=$(cd "$DIR" && pwd)

NGINX_WEB=$BASE; NGINX_INGEST=$((BASE + 1))
WEB_PORTS=($((BASE + 2)) $((BASE + 3))); INGEST_PORTS=($((BASE + 4)) $((BASE + 5)))
PG_PORT=$((BASE + 6)); REPLICA_PORT=$((BASE + 7))

say() { printf '\033[1mcluster.sh:\033[0m %s\n' "$*" >&2; }
die() { printf 'cluster.sh: error: %s\n' "$*" >&2; exit 1; }

exec 9>"$DIR/cluster.lock"
flock -n 9 || die "cluster.sh is already running with the folder $DIR"
rm -f "$DIR/cluster.env"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in $NGINX_WEB $NGINX_INGEST "${WEB_PORTS[@]}" "${INGEST_PORTS[@]}"; do
  port_busy "$p" && die "port $p on 127.0.0.1 is already in use. Stop that program or choose other ports: CC_CLUSTER_PORT=N ./cluster.sh"
done

scripts/prereqs.sh --cluster

pids=()
cleanup() {
  trap - EXIT; trap '' INT TERM
  say "stopping ..."
  rm -f "$DIR/cluster.env"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  scripts/pg.sh stop "$DIR/pg-replica" >/dev/null 2>&1 || true
  scripts/pg.sh stop "$DIR/pg-primary" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

if [ "${CC_CLUSTER_FRESH:-0}" = 1 ]; then
  scripts/pg.sh stop "$DIR/pg-replica" >/dev/null 2>&1 || true
  scripts/pg.sh stop "$DIR/pg-primary" >/dev/null 2>&1 || true
  rm -rf "$DIR/pg-primary" "$DIR/pg-replica"
fi

# --- PostgreSQL: the primary, then the replica copied from it ---------------------------------------
# A new database has no kiosk credential yet: a link kept from an earlier one would be refused.
[ -f "$DIR/pg-primary/data/PG_VERSION" ] || rm -f "$DIR/kiosk-link"
PRIMARY=$(scripts/pg.sh start "$DIR/pg-primary" "$PG_PORT" | tail -n 1)
say "primary: $PRIMARY"

# --- build ------------------------------------------------------------------------------------------
if [ "$BUILD" = debug ] || [ "$BUILD" = release ]; then
  CONF=$([ "$BUILD" = debug ] && echo Debug || echo Release)
  WEB_EXE=$ROOT/src/CommandCenter/bin/$CONF/net10.0/CommandCenter; WEB_CWD=$ROOT/src/CommandCenter
  INGEST=$ROOT/src/CommandCenter.Ingest/bin/$CONF/net10.0/CommandCenter.Ingest
  [ -x "$WEB_EXE" ] && [ -x "$INGEST" ] || die "CC_CLUSTER_BUILD=$BUILD needs the solution built first (dotnet build CommandCenter.sln -c $CONF)"
  ENVIRONMENT=Development
else
  say "building (Release) ..."
  dotnet publish src/CommandCenter.Ingest -c Release -o "$DIR/publish/ingest" -nologo -v quiet -clp:ErrorsOnly >/dev/null
  dotnet publish src/CommandCenter -c Release -o "$DIR/publish/web" -nologo -v quiet -clp:ErrorsOnly >/dev/null
  WEB_EXE=$DIR/publish/web/CommandCenter; WEB_CWD=$DIR/publish/web; INGEST=$DIR/publish/ingest/CommandCenter.Ingest
  ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}
fi

export ConnectionStrings__CommandCenter=$PRIMARY
"$INGEST" migrate >&2 || die "the database could not be migrated"
"$INGEST" geo import assets/geo/grids.geojson >&2 || die "the grids could not be imported"
admin_note=$("$INGEST" admin init) || die "the first administrator could not be created"
if [ ! -s "$DIR/kiosk-link" ]; then
  (umask 077; "$INGEST" admin kiosk create "指挥中心大屏" --location "指挥中心" --base-url "http://127.0.0.1:$NGINX_WEB" | tail -n 1 > "$DIR/kiosk-link") \
    || die "the wall-screen link could not be created"
fi
"$INGEST" keys revoke grid-web >/dev/null 2>&1 || true
GRID_WEB_KEY=$("$INGEST" keys create grid-web --label "web app /m (cluster.sh)" 2>/dev/null | tail -n 1)
[[ $GRID_WEB_KEY == cc_* ]] || die "the web app's ingest key could not be created"

# The replica after the schema, so its first copy already holds it (it follows the primary anyway).
REPLICA=$(scripts/pg.sh replica "$DIR/pg-replica" "$REPLICA_PORT" "$PG_PORT" | tail -n 1)
say "replica: $REPLICA"

# --- nodes ------------------------------------------------------------------------------------------
mkdir -p "$DIR/pids" "$DIR/logs"
start_node() {   # NAME LOG CWD COMMAND...
  local name=$1 log=$2 cwd=$3; shift 3
  : > "$log"
  if [ "$RESTART" = 1 ]; then
    (cd "$cwd" && exec "$ROOT/scripts/supervise.sh" "$name" "$log" "$@") & pids+=($!)
  else
    (cd "$cwd" && exec "$@" >>"$log" 2>&1) & pids+=($!)
  fi
  echo "${pids[-1]}" > "$DIR/pids/$name"
}
export ASPNETCORE_ENVIRONMENT=$ENVIRONMENT
export Security__IngestPermitsPerSecond=${Security__IngestPermitsPerSecond:-5000}
# The nodes believe nginx's X-Forwarded-For (and only nginx's): per-address limits and the audit log see the client.
export Network__TrustedProxies__0=127.0.0.1
for i in 0 1; do
  start_node "ingest$((i + 1))" "$DIR/logs/ingest$((i + 1)).log" "$ROOT" \
    "$INGEST" serve --urls "http://127.0.0.1:${INGEST_PORTS[$i]}"
done
for i in 0 1; do
  ConnectionStrings__Replica=$REPLICA Ingest__Url="http://127.0.0.1:$NGINX_INGEST" Ingest__ApiKey="$GRID_WEB_KEY" \
    start_node "web$((i + 1))" "$DIR/logs/web$((i + 1)).log" "$WEB_CWD" \
    "$WEB_EXE" --urls "http://127.0.0.1:${WEB_PORTS[$i]}"
done
unset GRID_WEB_KEY

# --- nginx ------------------------------------------------------------------------------------------
NG=$DIR/nginx; mkdir -p "$NG/temp"; chmod 1777 "$NG/temp"   # workers run as an unprivileged user
scripts/nginx-conf.sh "$NG" "$NGINX_WEB" "$NGINX_INGEST" "${WEB_PORTS[*]}" "${INGEST_PORTS[*]}" > "$NG/nginx.conf"
/usr/sbin/nginx -t -q -p "$NG/" -c "$NG/nginx.conf" -g 'daemon off;' || die "nginx refused the generated $NG/nginx.conf"
: > "$DIR/logs/nginx.log"
(exec /usr/sbin/nginx -p "$NG/" -c "$NG/nginx.conf" -g 'daemon off;' >>"$DIR/logs/nginx.log" 2>&1) & pids+=($!)
echo "${pids[-1]}" > "$DIR/pids/nginx"

wait_healthy() {   # URL NAME LOG
  for _ in $(seq 1 240); do
    curl -fsS "$1/healthz" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  tail -n 30 "$3" >&2
  die "$2 did not become healthy at $1/healthz (log: $3)"
}
for i in 0 1; do wait_healthy "http://127.0.0.1:${INGEST_PORTS[$i]}" "ingest$((i + 1))" "$DIR/logs/ingest$((i + 1)).log"; done
for i in 0 1; do wait_healthy "http://127.0.0.1:${WEB_PORTS[$i]}" "web$((i + 1))" "$DIR/logs/web$((i + 1)).log"; done
wait_healthy "http://127.0.0.1:$NGINX_WEB" nginx "$NG/error.log"

if [ "${CC_SIMULATE:-1}" != 0 ]; then
  start_node simulator "$DIR/logs/simulator.log" "$ROOT" "$INGEST" simulate --ingest-url "http://127.0.0.1:$NGINX_INGEST"
fi

cat > "$DIR/cluster.env.tmp" <<ENV
CC_CLUSTER_WEB_URL=http://127.0.0.1:$NGINX_WEB
CC_CLUSTER_INGEST_URL=http://127.0.0.1:$NGINX_INGEST
CC_CLUSTER_WEB_PORTS=${WEB_PORTS[*]}
CC_CLUSTER_INGEST_PORTS=${INGEST_PORTS[*]}
CC_CLUSTER_PRIMARY=$PRIMARY
CC_CLUSTER_REPLICA=$REPLICA
CC_CLUSTER_WEB_PIDS=$(cat "$DIR/pids/web1") $(cat "$DIR/pids/web2")
CC_CLUSTER_INGEST_PIDS=$(cat "$DIR/pids/ingest1") $(cat "$DIR/pids/ingest2")
CC_CLUSTER_RESTART=$RESTART
ENV
mv "$DIR/cluster.env.tmp" "$DIR/cluster.env"

cat >&2 <<MSG

  CommandCenter on several nodes is up (folder $DIR):
    web app through nginx          http://127.0.0.1:$NGINX_WEB/          (nodes ${WEB_PORTS[*]})
    ingest API through nginx       http://127.0.0.1:$NGINX_INGEST/       (nodes ${INGEST_PORTS[*]})
    PostgreSQL primary / replica   $PG_PORT / $REPLICA_PORT   (replica lag: /healthz on a web node)
    logs                           $DIR/logs/, $NG/error.log

  Sign-in:
    $admin_note
    wall-screen link: $(cat "$DIR/kiosk-link")

  Ctrl-C stops everything cluster.sh started.
MSG
say "ready"
wait
