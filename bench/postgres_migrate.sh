#!/usr/bin/env bash
# runway migrate into PostgreSQL vs. psql doing the same work over one connection, on a
# throwaway server this script starts and stops (scripts/pg-test-server):
#
#   1. N one-statement migrations. psql runs one file holding, per migration, BEGIN, the
#      statement, an INSERT into a history table of Flyway's shape, and COMMIT. runway runs
#      `migrate` on the same migrations. Prints both medians and the ratio (target <= 1.2),
#      twice: with fsync on, as production servers run (every COMMIT waits for the disk), and
#      with fsync off (the test server's setting), where only round trips and CPU count.
#   2. A generated INSERT script of about BIG_MB megabytes applied by `runway migrate`;
#      prints the peak memory (max RSS from /usr/bin/time -v; target < 64 MB).
#
#   bench/postgres_migrate.sh [N=1000] [RUNS=5] [BIG_MB=200]
#   RUNWAY=path/to/runway bench/postgres_migrate.sh   (default build/runway, built if missing)
#   PGDATA_PARENT=/dev/shm bench/postgres_migrate.sh  (the server's files on tmpfs, default /tmp)
#
# Each run times psql and then runway back to back, and the ratio of that pair is kept: on a
# shared disk whose speed drifts (seen here: the same psql file taking 0.8 s, then 3 s a few
# minutes later) the median of the paired ratios is steadier than the ratio of the medians.
# With PGDATA_PARENT on tmpfs there is no disk at all, only round trips and CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
n=${1:-1000}
runs=${2:-5}
big_mb=${3:-200}
runway=${RUNWAY:-build/runway}
[ -x "$runway" ] || scripts/build release >/dev/null
command -v psql >/dev/null || { echo "psql not found (run scripts/setup)" >&2; exit 1; }
# GNU time reports the peak resident set size; the shell keyword does not.
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null

work=$(mktemp -d /tmp/runway-pgbench.XXXXXX)
chmod 755 "$work"
pg_dir=$(mktemp -u "${PGDATA_PARENT:-/tmp}/runway-pgbench-server.XXXXXX")
trap '"$root/scripts/pg-test-server" stop "$pg_dir"; rm -rf "$work"' EXIT
eval "$(scripts/pg-test-server start "$pg_dir")"
jdbc() { echo "jdbc:postgresql://$RUNWAY_PG_HOST:$RUNWAY_PG_PORT/$1?user=postgres"; }
sql() { PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -h "$RUNWAY_PG_HOST" -p "$RUNWAY_PG_PORT" -U postgres -d "$1" "${@:2}"; }
recreate() { sql postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"; }

mkdir -p "$work/sql"
for i in $(seq 1 "$n"); do
  printf 'CREATE TABLE t%d (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n' "$i" >"$work/sql/V${i}__create_t${i}.sql"
done

# The baseline: the history table as runway creates it, then every file in its own
# transaction together with its history row.
{
  cat <<'SQL'
CREATE TABLE "public"."flyway_schema_history" ("installed_rank" INT NOT NULL, "version" VARCHAR(50), "description" VARCHAR(200) NOT NULL, "type" VARCHAR(20) NOT NULL, "script" VARCHAR(1000) NOT NULL, "checksum" INTEGER, "installed_by" VARCHAR(100) NOT NULL, "installed_on" TIMESTAMP NOT NULL DEFAULT now(), "execution_time" INTEGER NOT NULL, "success" BOOLEAN NOT NULL);
ALTER TABLE "public"."flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
CREATE INDEX "flyway_schema_history_s_idx" ON "public"."flyway_schema_history" ("success");
SQL
  for i in $(seq 1 "$n"); do
    echo "BEGIN;"
    cat "$work/sql/V${i}__create_t${i}.sql"
    echo "INSERT INTO \"public\".\"flyway_schema_history\" (\"installed_rank\",\"version\",\"description\",\"type\",\"script\",\"checksum\",\"installed_by\",\"execution_time\",\"success\") VALUES ($i, '$i', 'create t$i', 'SQL', 'V${i}__create_t${i}.sql', 0, 'postgres', 0, true);"
    echo "COMMIT;"
  done
} >"$work/baseline.sql"

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Runs both tools RUNS times; sets `base` and `rw` to the medians, `paired` to the median of
# the per-run ratios and `detail` to the runs.
measure() {
  local baseline_times=() runway_times=() ratios=()
  for r in $(seq 1 "$runs"); do
    # Each tool gets a database created just before its run, so both start in the same state.
    recreate bench_psql
    t0=$(now_ms); sql bench_psql -f "$work/baseline.sql"; t1=$(now_ms)
    baseline_times+=($((t1 - t0)))
    recreate bench_runway
    t0=$(now_ms); "$runway" -url="$(jdbc bench_runway)" -locations="filesystem:$work/sql" -q migrate; t1=$(now_ms)
    runway_times+=($((t1 - t0)))
    ratios+=("$(awk -v a="${runway_times[-1]}" -v b="${baseline_times[-1]}" 'BEGIN {printf "%.3f", a / b}')")
  done
  applied=$(sql bench_runway -At -c 'SELECT count(*) FROM flyway_schema_history WHERE success')
  [ "$applied" = "$n" ] || { echo "runway applied $applied of $n migrations" >&2; exit 1; }
  base=$(printf '%s\n' "${baseline_times[@]}" | median)
  rw=$(printf '%s\n' "${runway_times[@]}" | median)
  paired=$(printf '%s\n' "${ratios[@]}" | median)
  detail="psql runs: ${baseline_times[*]}; runway runs: ${runway_times[*]}"
}

fsync_mode() { sql postgres -c "ALTER SYSTEM SET fsync = $1" -c "SELECT pg_reload_conf()" >/dev/null; sleep 1; }
fsync_mode on
measure; base_on=$base rw_on=$rw paired_on=$paired detail_on=$detail
fsync_mode off
measure; base_off=$base rw_off=$rw paired_off=$paired detail_off=$detail

# A big script: multi-row INSERTs of 100 rows each, about BIG_MB megabytes in one file.
mkdir -p "$work/big"
echo "CREATE TABLE big (id BIGINT PRIMARY KEY, payload TEXT NOT NULL);" >"$work/big/V1__big_table.sql"
awk -v mb="$big_mb" 'BEGIN {
  pad = sprintf("%090d", 0); bytes = 0; id = 0
  while (bytes < mb * 1024 * 1024) {
    line = "INSERT INTO big (id, payload) VALUES "
    for (r = 0; r < 100; ++r) line = line (r ? ",\n" : "") "(" ++id ", '\''row " id " " pad "'\'')"
    line = line ";\n"; bytes += length(line); printf "%s", line
  }
}' >"$work/big/V2__big_insert.sql"
big_bytes=$(stat -c %s "$work/big/V2__big_insert.sql")
recreate bench_big
/usr/bin/time -v -o "$work/big.time" "$runway" -url="$(jdbc bench_big)" -locations="filesystem:$work/big" -q migrate
big_rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/big.time")
big_wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/big.time")
big_rows=$(sql bench_big -At -c 'SELECT count(*) FROM big')

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(psql --version | cut -d' ' -f3-) client, server $(sql postgres -At -c 'SHOW server_version')"
echo "server files: $(df --output=fstype "$pg_dir" | tail -1) under ${PGDATA_PARENT:-/tmp}"
echo "migrations: $n, runs: $runs"
for mode in on off; do
  b=base_$mode r=rw_$mode p=paired_$mode d=detail_$mode
  echo "fsync=$mode: psql median ${!b} ms, runway median ${!r} ms   (${!d})"
  awk -v a="${!r}" -v b="${!b}" -v p="${!p}" -v m="$mode" 'BEGIN {
    printf "fsync=%s: ratio runway/psql %.2f of the medians, %.2f median of paired runs   (target <= 1.20)\n", m, a / b, p }'
done
awk -v b="$big_bytes" -v k="$big_rss_kb" -v rows="$big_rows" -v w="$big_wall" 'BEGIN {
  printf "big script             %.0f MB, %d rows in %s, peak RSS %.1f MB   (target < 64 MB)\n", b / 1048576, rows, w, k / 1024 }'
