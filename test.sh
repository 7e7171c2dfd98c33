#!/usr/bin/env bash
# Every test: installs what is missing, starts a throwaway PostGIS, builds once, runs each test
# project, prints "N passed, M failed" and cleans up. Exit code is non-zero when anything failed.
#   ./test.sh                   everything
#   ./test.sh --filter EXPR     passed to dotnet test (e.g. FullyQualifiedName~Geo)
set -uo pipefail
cd "$(dirname "$0")"

scripts/prereqs.sh --browser || exit 1

export CC_PG_FSYNC=off            # a throwaway cluster: durability is not under test here, speed is
PGDIR=.data/test-pg
results=.data/test-results
rm -rf "$results"; mkdir -p "$results"

cleanup() { scripts/pg.sh stop "$PGDIR" >/dev/null 2>&1 || true; }
trap cleanup EXIT INT TERM

CC_TEST_PG=$(scripts/pg.sh start "$PGDIR" auto) || { echo "test.sh: could not start the test database" >&2; exit 1; }
export CC_TEST_PG
export CC_TEST_ARTIFACTS="$PWD/$results"

if ! dotnet build CommandCenter.sln -nologo -v quiet -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"
  echo "test.sh: the build failed" >&2
  exit 1
fi

status=0
for proj in tests/*/*.csproj; do
  name=$(basename "$proj" .csproj)
  echo "== $name"
  dotnet test "$proj" --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || status=1
done

# Sum the TRX counters of every project: CI reads the plain last line.
read -r passed failed < <(python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
p = f = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find(".//{*}Counters")
    if c is not None:
        p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
print(p, f)
PY
)
[ "$failed" -gt 0 ] && status=1
[ "$passed" -eq 0 ] && status=1
echo "$passed passed, $failed failed"
exit $status
