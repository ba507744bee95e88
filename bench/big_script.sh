#!/usr/bin/env bash
# One big migration: a generated INSERT script of about MB megabytes (multi-row INSERTs of 100
# rows each, ~9,000 rows per MB) after a migration creating its table, applied to SQLite and to
# PostgreSQL (a throwaway server this script starts and stops) by the baseline client (sqlite3 /
# psql, each migration in a transaction with its history row), runway and every peer given, one
# after the other on fresh databases. Prints per tool the wall time, its ratio to the baseline's
# and the peak RSS of the client process (GNU /usr/bin/time; the server's memory is not counted
# for anyone). A tool that fails, or runs longer than TIMEOUT seconds, is reported as such.
#
#   bench/big_script.sh [MB=1024] [TIMEOUT=600]
#   DIALECTS="sqlite postgres" (the default) or one of them
#   PGDATA_PARENT=/dev/shm     the server's files on tmpfs (default /tmp)
#   RUNWAY, DBMATE, SQL_MIGRATE, FLYWAY as for bench/sqlite_migrate.sh (bench/lib.sh has each
#   tool's exact command line). Disk: about 7 x MB in /tmp while it runs.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
mb=${1:-1024}
limit=${2:-600}
find_tools

echo "CREATE TABLE big (id BIGINT PRIMARY KEY, payload TEXT NOT NULL);" >"$work/create.sql"
awk -v mb="$mb" 'BEGIN {
  pad = sprintf("%090d", 0); bytes = 0; id = 0
  while (bytes < mb * 1024 * 1024) {
    line = "INSERT INTO big (id, payload) VALUES "
    for (r = 0; r < 100; ++r) line = line (r ? ",\n" : "") "(" ++id ", '\''row " id " " pad "'\'')"
    line = line ";\n"; bytes += length(line); printf "%s", line
  }
  print id > "/dev/stderr"
}' >"$work/big.sql" 2>"$work/rows"
rows=$(cat "$work/rows")
size=$(stat -c %s "$work/big.sql")

echo "== One big migration: $((size / 1048576)) MB, $rows rows, timeout $limit s"
machine_line
echo "sqlite $(sqlite3 --version | cut -d' ' -f1), psql $(psql --version | cut -d' ' -f3)"
tool_versions
for dialect in ${DIALECTS:-sqlite postgres}; do
  [ "$dialect" = sqlite ] || [ -n "$pg_dir" ] || pg_start
  dir=$work/m-$dialect
  new_migration_dir "$dir"
  add_migration "$dir" 1 big_table "$work/create.sql"
  add_migration "$dir" 2 big_insert "$work/big.sql"
  echo "-- $dialect"
  printf '%-12s %10s %9s %14s   %s\n' tool 'time s' ratio 'peak RSS MB' status
  for t in baseline "${tools[@]}"; do
    db=$(db_of "$t")
    fresh_db "$db"
    tool_cmd "$t" migrate "$dir" "$db"
    peak "$limit" "${cmd[@]}"
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then status="timed out after $limit s"
    elif [ "$rc" != 0 ]; then status="failed (exit $rc): $(grep -v '^\s*$' "$work/stderr.out" | head -c 300 | tr '\n' ' ')"
    elif got=$(query "$db" 'SELECT count(*) FROM big') && [ "$got" = "$rows" ]; then status=ok
    else status="wrong result: ${got:-no table big} rows of $rows"; fi
    [ "$t" != baseline ] || base_ms=$ms
    printf '%-12s %10.1f %9.2f %14.1f   %s\n' "$t" "$(awk -v m="$ms" 'BEGIN {print m / 1000}')" \
      "$(ratio "$ms" "$base_ms")" "$rss_mb" "$status"
    drop_db "$db"
  done
  rm -rf "$dir"
done
