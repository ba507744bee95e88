#!/usr/bin/env bash
# `validate` over a SQLite database with N applied one-statement migrations: runway and Flyway
# (dbmate and sql-migrate have no validate command). runway applies the N migrations once; then,
# in each run, runway and Flyway validate that database back to back. Prints per tool the median
# wall time and the median peak RSS (GNU /usr/bin/time, the JVM's children included).
#
#   bench/sqlite_validate.sh [N=10000] [RUNS=5]
#   RUNWAY=path/to/runway   default build/runway, built if missing
#   FLYWAY=path/to/flyway   default ../shared/flyway/flyway; FLYWAY_RUNS=3 of RUNS
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
n=${1:-10000}
runs=${2:-5}
command -v sqlite3 >/dev/null || { echo "sqlite3 command line not found (apt-get install sqlite3)" >&2; exit 1; }
dialect=sqlite
DBMATE='' SQL_MIGRATE='' find_tools >/dev/null
FORMATS=flyway generate_migrations "$work/m" "$n" 1
db=$(db_of runway)
fresh_db "$db"
# Applied without waiting for the disk (synchronous=OFF): the database is the same, only faster made.
t0=$(now_ms)
"${tool_path[runway]}" -url="jdbc:sqlite:$db?synchronous=OFF" -locations="filesystem:$work/m/flyway" -q migrate
t1=$(now_ms)
[ "$(applied runway "$db")" = "$n" ] || { echo "runway did not apply the $n migrations" >&2; exit 1; }

declare -A ms_of rss_of
for r in $(seq 1 "$runs"); do
  for t in "${tools[@]}"; do
    [ "$t" != flyway ] || [ "$r" -le "$flyway_runs" ] || continue
    tool_cmd "$t" validate "$work/m" "$db"
    peak 600 "${cmd[@]}"
    [ "$rc" = 0 ] || { echo "$t validate failed ($rc): ${cmd[*]}" >&2; cat "$work/stderr.out" >&2; exit 1; }
    ms_of[$t]+=" $ms" rss_of[$t]+=" $rss_mb"
  done
done

echo "== SQLite validate, $n applied migrations (applied by runway in $((t1 - t0)) ms), $runs runs$(flyway_note "$runs")"
machine_line
echo "sqlite $(sqlite3 --version | cut -d' ' -f1); dbmate and sql-migrate have no validate"
tool_versions
for t in "${tools[@]}"; do
  printf 'validate %-8s median %6s ms, peak RSS median %7.1f MB   (runs: ms%s; MB%s)\n' "$t" \
    "$(list_median "${ms_of[$t]}")" "$(list_median "${rss_of[$t]}")" "${ms_of[$t]}" "${rss_of[$t]}"
done
