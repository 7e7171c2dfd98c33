#!/usr/bin/env bash
# A base backup of the primary, for point-in-time recovery together with the WAL archive
# (deploy/postgresql/archiving.conf). Run daily from commandcenter-backup.timer, as the postgres user.
#   deploy/backup/backup.sh BACKUP_ROOT [WAL_ARCHIVE]
# Connection: the libpq variables (PGHOST, PGPORT, PGUSER; default the local socket). Writes
# BACKUP_ROOT/base-<UTC time>/{base.tar.gz,pg_wal.tar.gz,backup_manifest,start-wal}; keeps the newest
# CC_BACKUP_KEEP (7) and, given WAL_ARCHIVE, removes the archived WAL older than the oldest backup kept.
set -euo pipefail
root=${1:?BACKUP_ROOT}; archive=${2:-}
keep=${CC_BACKUP_KEEP:-7}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
mkdir -p "$root"
name=base-$(date -u +%Y%m%dT%H%M%SZ)
tmp=$root/.$name.partial
rm -rf "$tmp"
# -X stream: the backup carries the WAL written while it ran, so it restores on its own even without the
"$bin/pg_basebackup" -D "$tmp" -Ft -z -X stream -c fast --label "$name"
tar -xzOf "$tmp/base.tar.gz" backup_label | sed -n 's/^START WAL LOCATION: .*(file \(.*\))$/\1/p' > "$tmp/start-wal"
mv "$tmp" "$root/$name"
echo "backup.sh: $root/$name ($(du -sh "$root/$name" | cut -f1))"

# Retention: the newest $keep backups; the archive keeps what the oldest of them needs.
mapfile -t all < <(ls -d "$root"/base-* 2>/dev/null | sort)
if [ ${#all[@]} -gt "$keep" ]; then
  for old in "${all[@]:0:${#all[@]}-keep}"; do rm -rf "$old"; echo "backup.sh: removed $old"; done
fi
if [ -n "$archive" ]; then
  oldest=$(ls -d "$root"/base-* | sort | head -n 1)
  [ -s "$oldest/start-wal" ] && "$bin/pg_archivecleanup" "$archive" "$(cat "$oldest/start-wal")"
fi
