#!/usr/bin/env bash
# runway check, offline: (1) the folder rules and PostgreSQL DDL rules over N generated
# migrations; (2) the same folder compared with a git base holding N migrations (one ls-tree
# per revision, one cat-file --batch for every blob). Prints medians of RUNS runs.
# (3) With MB > 0, also one migration of about MB megabytes (multi-row INSERTs through a
# placeholder, risky DDL at its start, middle and end, a runway:ignore comment): median wall
# time and the largest peak RSS (GNU /usr/bin/time) of 3 runs. It needs about MB of disk.
#
#   bench/check.sh [N=1000] [RUNS=7] [MB=0]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
runs=${2:-7}
mb=${3:-0}
runway=${RUNWAY:-build/runway}
[ -x "$runway" ] || scripts/build release >/dev/null
runway=$(realpath "$runway")  # the commands below run in the generated repository

work=$(mktemp -d /tmp/runway-check-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/repo/db/migration"
for i in $(seq 1 "$n"); do
  printf -- "-- migration %d\nSET lock_timeout = '5s';\nCREATE TABLE t%d (id bigint PRIMARY KEY, name text NOT NULL);\nALTER TABLE t%d ADD COLUMN note text;\n" \
    "$i" "$i" "$i" >"$work/repo/db/migration/V${i}__create_t${i}.sql"
done

export GIT_CONFIG_NOSYSTEM=1 HOME="$work" GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com \
  GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
git -C "$work/repo" init -q -b main
git -C "$work/repo" add -A
git -C "$work/repo" commit -q -m base
git -C "$work/repo" checkout -q -b feature
printf 'CREATE INDEX CONCURRENTLY t1_name ON t1 (name);\n' >"$work/repo/db/migration/V$((n + 1))__index.sql"
git -C "$work/repo" add -A
git -C "$work/repo" commit -q -m feature

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# Median wall time and median CPU time (user + system, git processes included) of "$@", in
# ms. On a shared machine the wall time includes waiting for a core; the CPU time does not.
time_ms() {
  local walls=() cpus=() TIMEFORMAT='%R %U %S' t
  for _ in $(seq 1 "$runs"); do
    t=$( { time "$@" >/dev/null 2>&1 || echo "failed: $*" >&2; } 2>&1 )
    walls+=("$(awk '{printf "%.0f", $1 * 1000}' <<<"$t")")
    cpus+=("$(awk '{printf "%.0f", ($2 + $3) * 1000}' <<<"$t")")
  done
  echo "wall $(printf '%s\n' "${walls[@]}" | median) ms, cpu $(printf '%s\n' "${cpus[@]}" | median) ms"
}

cd "$work/repo"
folder=$(time_ms "$runway" check -locations=filesystem:db/migration)
based=$(time_ms "$runway" check -locations=filesystem:db/migration -check.base=main)
echo "migrations: $((n + 1)), runs: $runs, $(git --version)"
echo "runway check (folder + DDL rules)   median ${folder}   (target < 100 ms)"
echo "runway check -check.base=main       median ${based}   (target < 300 ms)"

if [ "$mb" -gt 0 ]; then
  mkdir -p "$work/big"
  awk -v mb="$mb" 'BEGIN {
    print "CREATE TABLE big (id bigint PRIMARY KEY, payload text NOT NULL);"
    print "-- runway:ignore PG007"
    print "DROP TABLE old_a;"
    pad = sprintf("%090d", 0); bytes = 0; id = 0; middle = 0
    while (bytes < mb * 1024 * 1024) {
      sql = "INSERT INTO ${schema}.big (id, payload) VALUES "
      for (r = 0; r < 100; ++r) sql = sql (r ? ",\n" : "") "(" ++id ", '\''row " id " " pad "'\'')"
      sql = sql ";\n"; bytes += length(sql); printf "%s", sql
      if (!middle && bytes > mb * 512 * 1024) { middle = 1; print "ALTER TABLE users ADD COLUMN email text NOT NULL;" }
    }
    print "DROP TABLE old_b; -- runway:ignore PG010"
  }' >"$work/big/V1__load.sql"
  walls=() peak=0
  for _ in 1 2 3; do
    /usr/bin/time -f '%e %M' -o "$work/time.out" "$runway" check -locations=filesystem:"$work/big" \
      -placeholders.schema=public >/dev/null 2>&1  # its findings are warnings: exit 0
    read -r wall kb <"$work/time.out"
    walls+=("$wall")
    [ "$kb" -le "$peak" ] || peak=$kb
  done
  echo "runway check, one $((($(stat -c %s "$work/big/V1__load.sql") + 524288) / 1048576)) MB migration" \
    "  median wall $(printf '%s\n' "${walls[@]}" | median) s, peak RSS $((peak / 1024)) MB   (target < 64 MB)"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"
