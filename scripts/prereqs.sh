#!/usr/bin/env bash
# Installs what run.sh and test.sh need and a fresh machine lacks. Idempotent and quiet when all is there.
#   scripts/prereqs.sh [--browser] [--cluster]   --browser also installs Debian's chromium and CJK fonts (tests),
#                                                --cluster Debian's nginx (cluster.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=no; want_nginx=no
for arg in "$@"; do
  case $arg in --browser) want_browser=yes ;; --cluster) want_nginx=yes ;; esac
done

missing=()
command -v dotnet >/dev/null 2>&1 || { echo "prereqs: the .NET SDK (9 or newer) is required: https://dotnet.microsoft.com/download" >&2; exit 1; }
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql-15)
ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 || missing+=(postgresql-15-postgis-3)
if [ $want_browser = yes ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)
fi

[ $want_nginx = yes ] && [ ! -x /usr/sbin/nginx ] && missing+=(nginx-light)

if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "prereqs: missing ${missing[*]} and apt-get is not available: install them by hand, then run again." >&2
    exit 1
  fi
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo -n"
  echo "prereqs: installing ${missing[*]} with apt-get ..." >&2
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"; } >/dev/null; then
    echo "prereqs: apt-get could not install ${missing[*]}. Install them by hand (as root: apt-get install -y ${missing[*]}) and run again." >&2
    exit 1
  fi
fi

# Browser libraries (leaflet, apexcharts, signalr) and the Node tools for tests: only when the lock changed.
stamp=node_modules/.package-lock.sha
sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
  echo "prereqs: npm ci ..." >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$sum" > "$stamp"
fi
