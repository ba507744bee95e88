#!/usr/bin/env bash
# runway migrate vs. the sqlite3 command line doing the same work, on the same machine, in
# one run: N one-statement migrations, each in its own transaction with one history-row
# insert. Then `runway info` over the applied history. Prints medians, the ratio of the
# medians and the median of the per-run ratios (steadier when the disk speed drifts).
#
#   bench/sqlite_migrate.sh [N=1000] [RUNS=5]
#   RUNWAY=path/to/runway bench/sqlite_migrate.sh   (default build/runway, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
runs=${2:-5}
runway=${RUNWAY:-build/runway}
[ -x "$runway" ] || scripts/build release >/dev/null
command -v sqlite3 >/dev/null || { echo "sqlite3 command line not found (apt-get install sqlite3)" >&2; exit 1; }

work=$(mktemp -d /tmp/runway-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/sql"
for i in $(seq 1 "$n"); do
  printf 'CREATE TABLE t%d (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n' "$i" >"$work/sql/V${i}__create_t${i}.sql"
done

# The baseline: one sqlite3 process applying the same files, each in a transaction together
# with a history-row insert into a table of the same shape.
{
  cat <<'SQL'
CREATE TABLE "flyway_schema_history" ("installed_rank" INT NOT NULL PRIMARY KEY, "version" VARCHAR(50), "description" VARCHAR(200) NOT NULL, "type" VARCHAR(20) NOT NULL, "script" VARCHAR(1000) NOT NULL, "checksum" INT, "installed_by" VARCHAR(100) NOT NULL, "installed_on" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')), "execution_time" INT NOT NULL, "success" BOOLEAN NOT NULL);
CREATE INDEX "flyway_schema_history_s_idx" ON "flyway_schema_history" ("success");
SQL
  for i in $(seq 1 "$n"); do
    echo "BEGIN;"
    cat "$work/sql/V${i}__create_t${i}.sql"
    echo "INSERT INTO flyway_schema_history VALUES ($i, '$i', 'create t$i', 'SQL', 'V${i}__create_t${i}.sql', 0, '', strftime('%Y-%m-%d %H:%M:%f','now'), 0, 1);"
    echo "COMMIT;"
  done
} >"$work/baseline.sql"

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

baseline_times=() runway_times=() info_times=() ratios=()
for r in $(seq 1 "$runs"); do
  rm -f "$work/base.db" "$work/rw.db"
  t0=$(now_ms); sqlite3 "$work/base.db" <"$work/baseline.sql"; t1=$(now_ms)
  baseline_times+=($((t1 - t0)))
  t0=$(now_ms); "$runway" -url="jdbc:sqlite:$work/rw.db" -locations="filesystem:$work/sql" -q migrate; t1=$(now_ms)
  runway_times+=($((t1 - t0)))
  ratios+=("$(awk -v a="${runway_times[-1]}" -v b="${baseline_times[-1]}" 'BEGIN {printf "%.3f", a / b}')")
  for k in 1 2 3; do
    t0=$(date +%s%N); "$runway" -url="jdbc:sqlite:$work/rw.db" -locations="filesystem:$work/sql" -q info >/dev/null; t1=$(date +%s%N)
    info_times+=($(((t1 - t0) / 1000)))
  done
done
applied=$(sqlite3 "$work/rw.db" 'SELECT count(*) FROM flyway_schema_history WHERE success = 1')
[ "$applied" = "$n" ] || { echo "runway applied $applied of $n migrations" >&2; exit 1; }

base=$(printf '%s\n' "${baseline_times[@]}" | median)
rw=$(printf '%s\n' "${runway_times[@]}" | median)
info_us=$(printf '%s\n' "${info_times[@]}" | median)
echo "migrations: $n, runs: $runs, sqlite $(sqlite3 --version | cut -d' ' -f1)"
echo "sqlite3 CLI baseline   median ${base} ms"
echo "runway migrate         median ${rw} ms"
paired=$(printf '%s\n' "${ratios[@]}" | median)
awk -v a="$rw" -v b="$base" -v p="$paired" 'BEGIN {
  printf "ratio runway/sqlite3    %.2f of the medians, %.2f median of paired runs   (target <= 1.20)\n", a / b, p }'
awk -v u="$info_us" 'BEGIN {printf "runway info (%s applied) median %.1f ms   (target < 20 ms)\n", "'"$n"'", u / 1000}'
