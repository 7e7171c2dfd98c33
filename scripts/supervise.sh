#!/usr/bin/env bash
# Keeps one service running for run.sh: starts COMMAND with its output appended to LOG; when it exits,
# logs that (to LOG and stderr) and starts it again after a growing pause — 1 s, 2 s, 4 s … at most
# CC_RESTART_MAX_DELAY (30) s, back to 1 s once it has stayed up a minute — so one crashed service does
# not take the whole stack down, and a service that cannot start does not spin. TERM/INT stop the
# service and then this script.
#   scripts/supervise.sh NAME LOG COMMAND [ARGS...]
set -uo pipefail
name=${1:?NAME}; log=${2:?LOG}; shift 2
[ $# -gt 0 ] || { echo "usage: scripts/supervise.sh NAME LOG COMMAND [ARGS...]" >&2; exit 2; }
max_delay=${CC_RESTART_MAX_DELAY:-30}

child=""
stop() {
  trap '' TERM INT
  if [ -n "$child" ]; then kill "$child" 2>/dev/null; wait "$child" 2>/dev/null; fi
  exit 0
}
trap stop TERM INT

note() {
  local line; line="$(date '+%F %T') run.sh: $*"
  echo "$line" >>"$log"
  printf '\033[1mrun.sh:\033[0m %s (log: %s)\n' "$*" "$log" >&2
}

delay=1
while true; do
  started=$(date +%s)
  "$@" >>"$log" 2>&1 &
  child=$!
  code=0; wait "$child" || code=$?
  child=""
  [ $(( $(date +%s) - started )) -ge 60 ] && delay=1
  note "$name exited with code $code; restarting in ${delay}s"
  sleep "$delay" & child=$!
  wait "$child" || true
  child=""
  delay=$(( delay * 2 > max_delay ? max_delay : delay * 2 ))
done
