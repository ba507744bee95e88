#!/usr/bin/env bash
# runway migrate, and every peer given, vs. the sqlite3 command line doing the same work, in one
# interleaved run: N migrations of K statements each (a CREATE TABLE, then K-1 INSERTs into it),
# each migration in its own transaction with its history row. In each run the baseline, runway
# and every peer apply the same migrations to fresh database files back to back, so drift of the
# disk's speed hits all alike. Prints per tool the median, the ratio of the medians and the
# median of the per-run ratios to the baseline (the steadier of the two on a drifting disk).
# Then the no-op `migrate` (everything applied) per tool, and `runway info` over the history.
#
#   bench/sqlite_migrate.sh [N=1000] [RUNS=5] [K=1]
#   RUNWAY=path/to/runway               default build/runway, built if missing
#   DBMATE=/tmp/peers/node_modules/.bin/dbmate   npm install --prefix /tmp/peers dbmate
#   SQL_MIGRATE=sql-migrate             apt-get install -y sql-migrate
#   FLYWAY=path/to/flyway               default ../shared/flyway/flyway; FLYWAY_RUNS=3 of RUNS
#   BENCH_TMP=/dev/shm                  the database files on tmpfs (default /tmp): no disk waits
# A peer not given is skipped (bench/lib.sh has each tool's exact command line).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
n=${1:-1000}
runs=${2:-5}
k=${3:-1}
command -v sqlite3 >/dev/null || { echo "sqlite3 command line not found (apt-get install sqlite3)" >&2; exit 1; }
dialect=sqlite
find_tools
generate_migrations "$work/m" "$n" "$k"

measure_migrate "$work/m" "$n" "$runs"
measure_noop "$work/m" "$runs"
info_times=()
for _ in $(seq 1 $((3 * runs))); do
  t0=$(date +%s%N)
  "${tool_path[runway]}" -url="jdbc:sqlite:$(db_of runway)" -locations="filesystem:$work/m/flyway" -q info >/dev/null
  t1=$(date +%s%N)
  info_times+=($(((t1 - t0) / 1000)))
done

echo "== SQLite: $n migrations x $k statement(s), $runs runs$(flyway_note "$runs")"
machine_line
echo "sqlite $(sqlite3 --version | cut -d' ' -f1); baseline: the sqlite3 CLI; files: $(df --output=fstype "$work" | tail -1) under ${BENCH_TMP:-/tmp}"
tool_versions
report_migrate
report_noop "$n"
awk -v u="$(printf '%s\n' "${info_times[@]}" | median)" -v n="$n" 'BEGIN {
  printf "runway info (%d applied) median %.1f ms   (target < 20 ms)\n", n, u / 1000 }'
