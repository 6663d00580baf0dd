#!/usr/bin/env bash
# Restore a dump made by deploy/backup.sh into an EMPTY database:
#   deploy/restore.sh /var/backups/shpalta/shpalta-20261128T020000Z.dump postgres://.../shpalta_restored
# Refuses a database that already has tables, so a slip of the finger cannot overwrite the
# live one. One transaction: either everything is restored or nothing is.
set -euo pipefail
dump=${1:?usage: restore.sh DUMP TARGET_DATABASE_URL}
target=${2:?usage: restore.sh DUMP TARGET_DATABASE_URL}

tables=$(psql "$target" -tAc \
  "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
if [ "$tables" != "0" ]; then
  echo "restore.sh: refusing: the target database already has $tables tables" >&2
  exit 2
fi
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$target" "$dump"
echo "restored $dump"
