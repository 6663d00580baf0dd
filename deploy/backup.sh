#!/usr/bin/env bash
# Nightly PostgreSQL backup (run by deploy/systemd/shpalta-backup.timer):
#   DATABASE_URL=postgres://... BACKUP_DIR=/var/backups/shpalta deploy/backup.sh
# Custom-format pg_dump named by UTC time; a dump that pg_restore cannot read is discarded;
# dumps older than BACKUP_KEEP_DAYS are removed. Prints the new file's path.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the database to back up}"
backup_dir=${BACKUP_DIR:-/var/backups/shpalta}
keep_days=${BACKUP_KEEP_DAYS:-14}

mkdir -p "$backup_dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
partial="$backup_dir/.shpalta-$stamp.dump.partial"
trap 'rm -f "$partial"' EXIT

pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$partial"
pg_restore --list "$partial" >/dev/null
mv "$partial" "$backup_dir/shpalta-$stamp.dump"
find "$backup_dir" -maxdepth 1 -name 'shpalta-*.dump' -mtime +"$keep_days" -delete
echo "$backup_dir/shpalta-$stamp.dump"
