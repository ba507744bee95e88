#!/usr/bin/env bash
# Every migrate workload of docs/performance.md, runway and the peers against the baseline
# client, one after the other (each workload interleaves its tools run by run):
#   SQLite N x 1 and N x 10 statements, PostgreSQL N x 1 and N x 10 (each with the no-op migrate
#   over the N applied), SQLite validate over VALIDATE_N applied, one BIG_MB script on both.
#
#   bench/peers.sh [N=1000] [RUNS=5] [BIG_MB=1024]       VALIDATE_N=10000, BIG_TIMEOUT=600
#   DBMATE=/tmp/peers/node_modules/.bin/dbmate SQL_MIGRATE=sql-migrate RUNWAY=build/runway \
#     bench/peers.sh 2>&1 | tee /tmp/peers.txt
# FLYWAY defaults to ../shared/flyway/flyway; FLYWAY_RUNS=3 of RUNS. About 20 minutes on 2 cores.
# BENCH_TMP=/dev/shm PGDATA_PARENT=/dev/shm: every file on tmpfs (the big script then needs ~10 GB RAM).
set -euo pipefail
cd "$(dirname "$0")"
n=${1:-1000}
runs=${2:-5}
big_mb=${3:-1024}
./sqlite_migrate.sh "$n" "$runs" 1
./sqlite_migrate.sh "$n" "$runs" 10
./postgres_migrate.sh "$n" "$runs" 1
./postgres_migrate.sh "$n" "$runs" 10
./sqlite_validate.sh "${VALIDATE_N:-10000}" "$runs"
./big_script.sh "$big_mb" "${BIG_TIMEOUT:-600}"
