#!/usr/bin/env bash
# Make sure PostgreSQL and Redis answer on 127.0.0.1; install them from Debian's packages
# and start them when they do not.
set -euo pipefail

apt_ready=""
apt_install() {
  if [ -z "$apt_ready" ]; then apt-get update -qq; apt_ready=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# The client tools: pg_isready here, pg_dump, pg_restore and psql in the backup test.
command -v pg_dump >/dev/null && command -v psql >/dev/null || apt_install postgresql-client

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  version=$(ls /etc/postgresql | sort -n | tail -1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  # Trust on loopback, as the CI machine's own cluster is set up.
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  if ! grep -q "shpalta-ci" "$hba"; then
    sed -i '1i host all all 127.0.0.1/32 trust # shpalta-ci' "$hba"
    pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  fi
fi
pg_isready -h 127.0.0.1 -p 5432

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  command -v redis-server >/dev/null || apt_install redis-server
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 30); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 1; done
fi
redis-cli -h 127.0.0.1 -p 6379 ping
