#!/usr/bin/env bash
# Flightpath in one command: a six-month deployment history in SQLite, then runway's metrics
# as a table and as an HTML report (docs/flightpath.md).
#
#   examples/flightpath-demo.sh [output-dir]     (default: build/flightpath-demo)
#
# runway creates the history table and the run log itself (a real `migrate` with the run log
# on). The six months of history are SYNTHETIC: runway cannot travel back in time, so this
# script INSERTs back-dated rows into flyway_schema_history and runway_flightpath_runs, and
# commits each migration file to a throwaway git repository a little before its deployment,
# so lead times are real git commit times. The generator is seeded: runs on the same day give
# the same history.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/build/flightpath-demo}
runway=${RUNWAY:-$root/build/runway}
if [ ! -x "$runway" ]; then
  "$root/scripts/setup"
  "$root/scripts/build" release
fi

rm -rf "$out"
mkdir -p "$out/sql"
cd "$out"
db=demo.db
git init -q .
git config user.name "flightpath demo"
git config user.email "demo@example.com"

# A real runway run on the still empty folder: creates both tables, applies nothing.
"$runway" -url="jdbc:sqlite:$db" -locations=filesystem:sql \
  -flightpath.enabled=true -flightpath.environment=production migrate >/dev/null 2>&1

RANDOM=20240101
now=$(date -u +%s)
start=$(((now / 86400 - 182) * 86400))  # midnight UTC, 26 weeks ago
ts() { date -u -d "@$1" '+%Y-%m-%d %H:%M:%S.000'; }
inserts=$out/synthetic.sql
echo "-- SYNTHETIC demo history written by examples/flightpath-demo.sh" >"$inserts"
echo "BEGIN;" >>"$inserts"
rank=1
version=0
run=0
current=""
history_row() {  # version description type script at(seconds) ms success
  echo "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_on, installed_by, execution_time, success) VALUES ($rank, '$1', '$2', '$3', '$4', 0, '$(ts "$5")', 'ci', $6, $7);" >>"$inserts"
  rank=$((rank + 1))
}
run_row() {  # command at(seconds) outcome applied failed_rows_removed before after error
  run=$((run + 1))
  local error=NULL
  [ -n "$8" ] && error="'$8'"
  echo "INSERT INTO runway_flightpath_runs (run_id, command, started_at, finished_at, outcome, migrations_applied, failed_rows_removed, version_before, version_after, error_code, runway_version, environment, commit_sha) VALUES ('demo-$(printf %04d $run)', '$1', '$(ts $(($2 - 20)))', '$(ts "$2")', '$3', $4, $5, NULLIF('$6', ''), NULLIF('$7', ''), $error, 'demo', 'production', NULL);" >>"$inserts"
}
# Sets ms: mostly quick migrations, now and then a slow one (no subshell, so RANDOM advances).
duration() { if [ $((RANDOM % 25)) -eq 0 ]; then ms=$((20000 + RANDOM % 40000)); else ms=$((30 + RANDOM % 2500)); fi; }
add_migration() {  # at(seconds): writes, commits a little earlier, records the history row
  version=$((version + 1))
  local file="V${version}__change_${version}.sql"
  echo "-- demo migration $version" >"sql/$file"
  local committed=$(($1 - 3600 - RANDOM * 20))
  git add "sql/$file"
  GIT_AUTHOR_DATE="@$committed +0000" GIT_COMMITTER_DATE="@$committed +0000" \
    git commit -q -m "migration $version"
  duration
  history_row "$version" "change $version" SQL "$file" "$1" "$ms" 1
}

for day in $(seq 0 179); do  # the last fixes land before today ends
  at=$((start + day * 86400 + 9 * 3600 + RANDOM % 28800))
  weekday=$(date -u -d "@$at" +%u)
  [ "$weekday" -ge 6 ] && continue
  [ $((RANDOM % 100)) -ge 45 ] && continue
  roll=$((RANDOM % 100))
  before=$current
  if [ "$roll" -lt 6 ]; then
    # A migration fails and rolls back; a fix ships a few hours later.
    run_row migrate "$at" failed 0 0 "$before" "$before" FAILED_VERSIONED_MIGRATION
    at=$((at + 3600 + RANDOM % 18000))
    add_migration "$at"
    current=$version
    run_row migrate "$((at + 5))" success 1 0 "$before" "$current" ""
  elif [ "$roll" -lt 12 ]; then
    # Shipped, then undone the same day (UNDO_SQL row, as `runway undo` writes it).
    add_migration "$at"
    current=$version
    run_row migrate "$((at + 5))" success 1 0 "$before" "$current" ""
    at=$((at + 1800 + RANDOM % 14400))
    history_row "$version" "change $version" UNDO_SQL "U${version}__change_${version}.sql" "$at" 80 1
    run_row undo "$((at + 5))" success 1 0 "$current" "$before" ""
    current=$before
  elif [ "$roll" -lt 14 ]; then
    # A non-transactional migration fails and leaves a failed row; repair removes it.
    run_row migrate "$at" failed 0 0 "$before" "$before" FAILED_VERSIONED_MIGRATION
    run_row repair "$((at + 2400))" success 0 1 "$before" "$before" ""
    at=$((at + 86400 + RANDOM % 20000))
    add_migration "$at"
    current=$version
    run_row migrate "$((at + 5))" success 1 0 "$before" "$current" ""
  else
    count=$((1 + RANDOM % 3))
    for _ in $(seq 1 "$count"); do
      add_migration "$at"
      at=$((at + 2 + RANDOM % 20))
    done
    current=$version
    run_row migrate "$((at + 5))" success "$count" 0 "$before" "$current" ""
  fi
done
echo "COMMIT;" >>"$inserts"
sqlite3 "$db" <"$inserts"

common=(-url="jdbc:sqlite:$db" -locations=filesystem:sql -flightpath.environment=production
        -metrics.since=26w)
"$runway" "${common[@]}" metrics 2>/dev/null
"$runway" "${common[@]}" metrics -metrics.format=html -metrics.output="$out/report.html" 2>/dev/null
echo
echo "Report: $out/report.html (open it in any browser; it needs no network)"
