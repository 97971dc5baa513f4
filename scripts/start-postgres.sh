#!/usr/bin/env bash
# Start the Debian PostgreSQL cluster and make a database for the shared-queue tests.
# Prints the URL to use (export it as SCANDESK_TEST_PG_URL) and nothing else on stdout: the caller
# captures it, so everything the tools say goes to stderr.
set -euo pipefail

DB=scandesk_test
ROLE=scandesk
PASSWORD=scandesk

as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$*"; else sudo -u postgres sh -c "$*"; fi; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

version="$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)"
[ -n "$version" ] || { echo "start-postgres: PostgreSQL is not installed" >&2; exit 1; }
if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
  as_root pg_createcluster "$version" main >&2
fi
as_root pg_ctlcluster "$version" main start >/dev/null 2>&1 || true  # "already running" is fine
port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')"
port="${port:-5432}"
for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$port" || { echo "start-postgres: the server did not come up" >&2; exit 1; }
as_postgres "psql -p $port -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='$ROLE'\" | grep -q 1 || psql -p $port -qc \"CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'\"" >&2
as_postgres "psql -p $port -qtAc \"SELECT 1 FROM pg_database WHERE datname='$DB'\" | grep -q 1 || psql -p $port -qc \"CREATE DATABASE $DB OWNER $ROLE\"" >&2
echo "postgresql://$ROLE:$PASSWORD@127.0.0.1:$port/$DB"
