#!/usr/bin/env bash
# Runs one benchmark from bench/ against its own throwaway PostGIS and prints its figures; the last
# line of output is one JSON object.
#   ./bench.sh NAME [options]      ./bench.sh --list
set -uo pipefail
cd "$(dirname "$0")"
[ $# -ge 1 ] || { echo "usage: ./bench.sh NAME [options]   (./bench.sh --list shows the names)" >&2; exit 2; }

scripts/prereqs.sh || exit 1
dotnet build bench/CommandCenter.Bench -c Release -nologo -v quiet -clp:ErrorsOnly >&2 || exit 1
BIN=bench/CommandCenter.Bench/bin/Release/net10.0/CommandCenter.Bench
if [ "$1" = --list ]; then exec "$BIN" --list; fi

PGDIR=.data/bench-pg
cleanup() { scripts/pg.sh stop "$PGDIR" >/dev/null 2>&1 || true; }
trap cleanup EXIT INT TERM
CC_BENCH_PG=$(scripts/pg.sh start "$PGDIR" auto) || exit 1
export CC_BENCH_PG
"$BIN" "$@"
