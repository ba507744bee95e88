#!/usr/bin/env bash
# runway migrate, and every peer given, vs. psql doing the same work over one connection, on a
# throwaway server this script starts and stops (scripts/pg-test-server). N migrations of K
# statements each (a CREATE TABLE, then K-1 INSERTs into it). psql runs one file holding, per
# migration, BEGIN, the statements, an INSERT into a history table of Flyway's shape, and COMMIT.
# In each run the baseline, runway and every peer apply the same migrations to fresh databases
# back to back; prints per tool the median, the ratio of the medians and the median of the
# per-run ratios to psql (target for runway <= 1.2), then the no-op `migrate` per tool.
#
#   bench/postgres_migrate.sh [N=1000] [RUNS=5] [K=1]
#   FSYNC="on off" bench/postgres_migrate.sh   the whole measurement with the server's fsync on
#                                              (as production servers run: every COMMIT waits
#                                              for the disk; the default) and/or off
#   PGDATA_PARENT=/dev/shm bench/postgres_migrate.sh  (the server's files on tmpfs, default /tmp)
#   RUNWAY=path/to/runway               default build/runway, built if missing
#   DBMATE=/tmp/peers/node_modules/.bin/dbmate   npm install --prefix /tmp/peers dbmate
#   SQL_MIGRATE=sql-migrate             apt-get install -y sql-migrate
#   FLYWAY=path/to/flyway               default ../shared/flyway/flyway; FLYWAY_RUNS=3 of RUNS
# A peer not given is skipped (bench/lib.sh has each tool's exact command line). The big-script
# memory measurement is bench/big_script.sh.
#
# On a shared disk whose speed drifts (seen here: the same psql file taking 0.8 s, then 3 s a
# few minutes later) the median of the paired ratios is steadier than the ratio of the medians.
# With PGDATA_PARENT on tmpfs there is no disk at all, only round trips and CPU.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
n=${1:-1000}
runs=${2:-5}
k=${3:-1}
dialect=postgres
find_tools
pg_start
generate_migrations "$work/m" "$n" "$k"

echo "== PostgreSQL: $n migrations x $k statement(s), $runs runs$(flyway_note "$runs")"
machine_line
echo "psql $(psql --version | cut -d' ' -f3-), server $(query postgres 'SHOW server_version');" \
  "server files: $(df --output=fstype "$pg_dir" | tail -1) under ${PGDATA_PARENT:-/tmp}"
tool_versions
for mode in ${FSYNC:-on}; do
  query postgres "ALTER SYSTEM SET fsync = $mode" >/dev/null
  query postgres 'SELECT pg_reload_conf()' >/dev/null
  sleep 1
  measure_migrate "$work/m" "$n" "$runs"
  measure_noop "$work/m" "$runs"
  echo "-- fsync=$mode (load average now $(cut -d' ' -f1-3 /proc/loadavg))"
  report_migrate
  report_noop "$n"
done
