#!/usr/bin/env bash
# Restores a base backup made by backup.sh into an empty data directory and sets it up to replay the WAL
# archive up to its end (or to TARGET_TIME), then to promote itself: start PostgreSQL on DATA_DIR afterwards
# (systemctl start postgresql@15-main, or scripts/pg.sh start DIR on a test machine).
#   deploy/backup/restore.sh BACKUP_DIR WAL_ARCHIVE DATA_DIR [TARGET_TIME]
# BACKUP_DIR: one BACKUP_ROOT/base-… folder (the newest for "as late as possible").
# TARGET_TIME: e.g. '2026-12-02 03:00:00+08' — stop replay there (undo an operator's mistake after it).
set -euo pipefail
backup=${1:?BACKUP_DIR}; archive=${2:?WAL_ARCHIVE}; data=${3:?DATA_DIR}; target=${4:-}
[ -f "$backup/base.tar.gz" ] || { echo "restore.sh: $backup/base.tar.gz not found" >&2; exit 1; }
if [ -e "$data" ] && [ -n "$(ls -A "$data" 2>/dev/null)" ]; then
  echo "restore.sh: $data is not empty; move the old data directory away first (never restore over it)" >&2; exit 1
fi
archive=$(cd "$archive" && pwd)
mkdir -p "$data"; chmod 700 "$data"
tar -xzf "$backup/base.tar.gz" -C "$data"
mkdir -p "$data/pg_wal"
[ -f "$backup/pg_wal.tar.gz" ] && tar -xzf "$backup/pg_wal.tar.gz" -C "$data/pg_wal"
# The restored server must not archive into the archive it is reading from until an operator says so
# (a restore drill on the production machine would otherwise mix two timelines' WAL).
{
  echo "# restore.sh $(date -u +%FT%TZ) from $backup"
  echo "restore_command = 'cp \"$archive/%f\" \"%p\"'"
  echo "archive_mode = 'off'"
  echo "recovery_target_action = 'promote'"
  [ -n "$target" ] && echo "recovery_target_time = '$target'"
} >> "$data/postgresql.auto.conf"
touch "$data/recovery.signal"
[ "$(id -u)" = 0 ] && chown -R postgres: "$data"
echo "restore.sh: $data is ready; start PostgreSQL on it: it replays $archive and promotes itself"
