# shellcheck shell=bash
# Shared by the bench scripts (sourced, never run): the tools — runway, the baseline client and
# the optional peers — the same migrations written in each tool's format, one command line per
# tool, timing, medians and the report.
#
# Peers, each optional; a peer not given is skipped with one line saying so:
#   DBMATE=/path/to/dbmate            npm install --prefix /tmp/peers dbmate
#                                     (then DBMATE=/tmp/peers/node_modules/.bin/dbmate)
#   SQL_MIGRATE=/path/to/sql-migrate  apt-get install -y sql-migrate  (then SQL_MIGRATE=sql-migrate)
#   FLYWAY=/path/to/flyway            default ../shared/flyway/flyway when it is executable
#   FLYWAY_RUNS=n                     Flyway takes part in the first n runs only (default 3): its
#                                     JVM start-up costs 1-5 s a call
#   RUNWAY=path                       default build/runway, built with scripts/build release if missing
#   BENCH_TMP=/dev/shm                where the migrations and SQLite files go (default /tmp): on
#                                     tmpfs no tool waits for a disk, only CPU counts
#
# What each tool runs (DIR holds the generated migrations, DB is a file or a database name):
#   baseline     sqlite3 DB .read DIR/baseline.sql   |  psql -X -q -v ON_ERROR_STOP=1 ... -d DB -f DIR/baseline.sql
#   runway       runway -url=jdbc:... [-user=postgres] -locations=filesystem:DIR/flyway -q migrate
#   flyway       flyway -url=jdbc:... [-user=postgres] -locations=filesystem:DIR/flyway migrate
#   dbmate       dbmate --url sqlite:DB|postgres://postgres@HOST:PORT/DB?sslmode=disable \
#                       -d DIR/dbmate --no-dump-schema migrate
#   sql-migrate  sql-migrate up -config=dbconfig-DB.yml -env=bench   (dialect sqlite3 or postgres)
# Every tool's output goes to /dev/null; errors stay on stderr.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$bench_root" || exit 1

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now_ms() { date +%s%3N; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }

# The work directory, removed at exit together with the PostgreSQL server if one was started.
work=$(mktemp -d "${BENCH_TMP:-/tmp}/runway-bench.XXXXXX")
chmod 755 "$work"
pg_dir=
bench_cleanup() {
  [ -z "$pg_dir" ] || "$bench_root/scripts/pg-test-server" stop "$pg_dir" || true
  rm -rf "$work"
}
trap bench_cleanup EXIT

# --- the tools ----------------------------------------------------------------------------------

declare -A tool_path
# Sets `tools` to runway followed by every peer found, and `tool_path` to their absolute paths.
find_tools() {
  local rw=${RUNWAY:-build/runway} fw=${FLYWAY:-}
  [ -x "$rw" ] || scripts/build release >/dev/null
  tool_path[runway]=$(realpath -s "$rw")
  tools=(runway)
  [ -n "$fw" ] || [ ! -x ../shared/flyway/flyway ] || fw=../shared/flyway/flyway
  add_peer dbmate "${DBMATE:-}" 'DBMATE=/path/to/dbmate (npm install --prefix /tmp/peers dbmate)'
  add_peer sql-migrate "${SQL_MIGRATE:-}" 'SQL_MIGRATE=/path/to/sql-migrate (apt-get install sql-migrate)'
  add_peer flyway "$fw" 'FLYWAY=/path/to/flyway (default ../shared/flyway/flyway)'
  flyway_runs=${FLYWAY_RUNS:-3}
}
# " (Flyway: the first n)" for a header, when Flyway takes part in fewer than RUNS runs.
flyway_note() { # RUNS
  [ -z "${tool_path[flyway]:-}" ] || [ "$flyway_runs" -ge "$1" ] || echo " (Flyway: the first $flyway_runs)"
}
add_peer() { # NAME PATH HOW-TO-GET-IT
  local p=
  [ -z "$2" ] || p=$(command -v "$2" 2>/dev/null || true)
  if [ -n "$p" ] && [ -x "$p" ]; then
    tool_path[$1]=$(realpath -s "$p")
    tools+=("$1")
  else
    echo "$1: skipped${2:+ ($2 is not executable)}; set $3"
  fi
}

# One line per tool found, for the report.
tool_versions() {
  local t v
  for t in "${tools[@]}"; do
    case $t in
      runway) v=$("${tool_path[runway]}" --version 2>/dev/null) ;;
      dbmate) v=$("${tool_path[dbmate]}" --version 2>&1) ;;
      sql-migrate) v="sql-migrate $("${tool_path[sql-migrate]}" --version 2>&1)"
        v+="${v:+ }$(dpkg-query -W -f '(Debian ${Version})' sql-migrate 2>/dev/null || true)" ;;
      flyway) v=$("${tool_path[flyway]}" --version 2>&1 | grep -m1 Flyway) ;;
    esac
    echo "  $t: ${tool_path[$t]}: $v"
  done
}

machine_line() {
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
    "$(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%F %H:%M') UTC"
}

# --- the databases --------------------------------------------------------------------------------

dialect=sqlite # or postgres: set by the script
pg_start() {
  command -v psql >/dev/null || { echo "psql not found (run scripts/setup)" >&2; exit 1; }
  pg_dir=$(mktemp -u "${PGDATA_PARENT:-/tmp}/runway-pgbench-server.XXXXXX")
  eval "$(scripts/pg-test-server start "$pg_dir")"
}
psql_to() { # DB psql-arguments...
  PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 \
    -h "$RUNWAY_PG_HOST" -p "$RUNWAY_PG_PORT" -U postgres -d "$1" "${@:2}"
}
db_of() { # TOOL: its database: a file under $work/db, or a database name
  if [ "$dialect" = sqlite ]; then echo "$work/db/$1.db"; else echo "bench_${1//-/_}"; fi
}
fresh_db() { # DB
  if [ "$dialect" = sqlite ]; then
    mkdir -p "$work/db"
    rm -f "$1" "$1-journal" "$1-wal" "$1-shm"
  else
    psql_to postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
  fi
}
drop_db() { # DB
  if [ "$dialect" = sqlite ]; then rm -f "$1" "$1-journal" "$1-wal" "$1-shm"
  else psql_to postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)"; fi
}
query() { # DB SQL: prints the one value
  if [ "$dialect" = sqlite ]; then sqlite3 "$1" "$2"; else psql_to "$1" -At -c "$2"; fi
}
# The number of applied migrations TOOL recorded in DB.
applied() { # TOOL DB
  case $1 in
    dbmate) query "$2" 'SELECT count(*) FROM schema_migrations' ;;
    sql-migrate) query "$2" 'SELECT count(*) FROM gorp_migrations' ;;
    *) query "$2" 'SELECT count(*) FROM flyway_schema_history WHERE success' ;;
  esac
}
jdbc_url() {
  if [ "$dialect" = sqlite ]; then echo "jdbc:sqlite:$1"
  else echo "jdbc:postgresql://$RUNWAY_PG_HOST:$RUNWAY_PG_PORT/$1"; fi
}

# Sets `cmd` to the command line by which TOOL runs COMMAND (migrate or validate) on DB with the
# migrations generated in DIR. The baseline ignores COMMAND: it applies DIR/baseline.sql.
tool_cmd() { # TOOL COMMAND DIR DB
  local t=$1 c=$2 dir=$3 db=$4 user=()
  [ "$dialect" = sqlite ] || user=(-user=postgres)
  case $t in
    baseline)
      if [ "$dialect" = sqlite ]; then cmd=(sqlite3 "$db" ".read $dir/baseline.sql")
      else cmd=(env PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1
        -h "$RUNWAY_PG_HOST" -p "$RUNWAY_PG_PORT" -U postgres -d "$db" -f "$dir/baseline.sql"); fi ;;
    runway) cmd=("${tool_path[runway]}" -url="$(jdbc_url "$db")" "${user[@]}" -locations="filesystem:$dir/flyway" -q "$c") ;;
    flyway) cmd=("${tool_path[flyway]}" -url="$(jdbc_url "$db")" "${user[@]}" -locations="filesystem:$dir/flyway" "$c") ;;
    dbmate)
      local url="sqlite:$db"
      [ "$dialect" = sqlite ] || url="postgres://postgres@$RUNWAY_PG_HOST:$RUNWAY_PG_PORT/$db?sslmode=disable"
      cmd=("${tool_path[dbmate]}" --url "$url" -d "$dir/dbmate" --no-dump-schema "$c") ;;
    sql-migrate)
      local conf=$work/dbconfig-${db##*/}.yml
      if [ "$dialect" = sqlite ]; then
        printf 'bench:\n  dialect: sqlite3\n  datasource: %s\n  dir: %s\n' "$db" "$dir/sql-migrate" >"$conf"
      else
        printf 'bench:\n  dialect: postgres\n  datasource: host=%s port=%s user=postgres dbname=%s sslmode=disable\n  dir: %s\n' \
          "$RUNWAY_PG_HOST" "$RUNWAY_PG_PORT" "$db" "$dir/sql-migrate" >"$conf"
      fi
      cmd=("${tool_path[sql-migrate]}" up -config="$conf" -env=bench) ;;
  esac
}

# --- the migrations -----------------------------------------------------------------------------

# The history table of Flyway's shape that the baseline writes, as runway creates it.
baseline_history_table() {
  if [ "$dialect" = sqlite ]; then
    cat <<'SQL'
CREATE TABLE "flyway_schema_history" ("installed_rank" INT NOT NULL PRIMARY KEY, "version" VARCHAR(50), "description" VARCHAR(200) NOT NULL, "type" VARCHAR(20) NOT NULL, "script" VARCHAR(1000) NOT NULL, "checksum" INT, "installed_by" VARCHAR(100) NOT NULL, "installed_on" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')), "execution_time" INT NOT NULL, "success" BOOLEAN NOT NULL);
CREATE INDEX "flyway_schema_history_s_idx" ON "flyway_schema_history" ("success");
SQL
  else
    cat <<'SQL'
CREATE TABLE "public"."flyway_schema_history" ("installed_rank" INT NOT NULL, "version" VARCHAR(50), "description" VARCHAR(200) NOT NULL, "type" VARCHAR(20) NOT NULL, "script" VARCHAR(1000) NOT NULL, "checksum" INTEGER, "installed_by" VARCHAR(100) NOT NULL, "installed_on" TIMESTAMP NOT NULL DEFAULT now(), "execution_time" INTEGER NOT NULL, "success" BOOLEAN NOT NULL);
ALTER TABLE "public"."flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
CREATE INDEX "flyway_schema_history_s_idx" ON "public"."flyway_schema_history" ("success");
SQL
  fi
}
baseline_history_row() { # RANK NAME
  local d=${2//_/ }
  if [ "$dialect" = sqlite ]; then
    echo "INSERT INTO flyway_schema_history VALUES ($1, '$1', '$d', 'SQL', 'V${1}__$2.sql', 0, '', strftime('%Y-%m-%d %H:%M:%f','now'), 0, 1);"
  else
    echo "INSERT INTO \"public\".\"flyway_schema_history\" (\"installed_rank\",\"version\",\"description\",\"type\",\"script\",\"checksum\",\"installed_by\",\"execution_time\",\"success\") VALUES ($1, '$1', '$d', 'SQL', 'V${1}__$2.sql', 0, 'postgres', 0, true);"
  fi
}

# Writes migration number I, named NAME, whose SQL is in the file SRC, in every format under DIR:
#   DIR/flyway/V<I>__<NAME>.sql       runway and Flyway
#   DIR/dbmate/<I, 6 digits>_<NAME>.sql       with `-- migrate:up` (dbmate wraps it in a transaction)
#   DIR/sql-migrate/<I, 6 digits>_<NAME>.sql  with `-- +migrate Up` (one transaction per file)
# and appends it to DIR/baseline.sql: BEGIN, the SQL, the history row, COMMIT.
# With FORMATS=flyway only the first is written.
add_migration() { # DIR I NAME SRC
  local dir=$1 i=$2 name=$3 src=$4 seq
  seq=$(printf %06d "$i")
  cp "$src" "$dir/flyway/V${i}__$name.sql"
  [ "${FORMATS:-all}" = all ] || return 0
  { echo '-- migrate:up'; cat "$src"; echo; echo '-- migrate:down'; } >"$dir/dbmate/${seq}_$name.sql"
  { echo '-- +migrate Up'; cat "$src"; } >"$dir/sql-migrate/${seq}_$name.sql"
  { echo 'BEGIN;'; cat "$src"; baseline_history_row "$i" "$name"; echo 'COMMIT;'; } >>"$dir/baseline.sql"
}
new_migration_dir() { # DIR
  mkdir -p "$1/flyway" "$1/dbmate" "$1/sql-migrate"
  baseline_history_table >"$1/baseline.sql"
}

# N migrations of K statements each under DIR: migration i creates table ti and, from the second
# statement on, inserts one row per statement into it.
generate_migrations() { # DIR N K
  local dir=$1 n=$2 k=$3 i j
  new_migration_dir "$dir"
  for i in $(seq 1 "$n"); do
    {
      printf 'CREATE TABLE t%d (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n' "$i"
      for ((j = 2; j <= k; ++j)); do printf "INSERT INTO t%d (id, name) VALUES (%d, 'row %d');\n" "$i" "$j" "$j"; done
    } >"$work/one.sql"
    add_migration "$dir" "$i" "create_t$i" "$work/one.sql"
  done
}

# --- measuring ----------------------------------------------------------------------------------

declare -A times ratios
# RUNS interleaved runs: in each, the baseline and then every tool apply DIR's N migrations to a
# fresh database, back to back. Flyway runs in the first $flyway_runs runs only. Keeps every
# run's time in `times[TOOL]` and its ratio to the same run's baseline in `ratios[TOOL]`; checks
# that every tool recorded N applied migrations.
measure_migrate() { # DIR N RUNS
  local dir=$1 n=$2 runs=$3 r t db t0 t1 base
  times=() ratios=()
  for r in $(seq 1 "$runs"); do
    for t in baseline "${tools[@]}"; do
      [ "$t" != flyway ] || [ "$r" -le "$flyway_runs" ] || continue
      db=$(db_of "$t")
      fresh_db "$db"
      tool_cmd "$t" migrate "$dir" "$db"
      t0=$(now_ms)
      "${cmd[@]}" >/dev/null || { echo "$t failed: ${cmd[*]}" >&2; exit 1; }
      t1=$(now_ms)
      times[$t]+=" $((t1 - t0))"
      [ "$t" != baseline ] || base=$((t1 - t0))
      ratios[$t]+=" $(ratio $((t1 - t0)) "$base")"
    done
  done
  for t in baseline "${tools[@]}"; do
    local got
    got=$(applied "$t" "$(db_of "$t")")
    [ "$got" = "$n" ] || { echo "$t recorded $got of $n migrations" >&2; exit 1; }
  done
}

# After measure_migrate: every tool runs `migrate` again, RUNS times, on its database where
# everything is applied. Keeps the times in `noop[TOOL]`.
declare -A noop
measure_noop() { # DIR RUNS
  local dir=$1 runs=$2 r t t0 t1
  noop=()
  for r in $(seq 1 "$runs"); do
    for t in "${tools[@]}"; do
      [ "$t" != flyway ] || [ "$r" -le "$flyway_runs" ] || continue
      tool_cmd "$t" migrate "$dir" "$(db_of "$t")"
      t0=$(now_ms)
      "${cmd[@]}" >/dev/null || { echo "$t failed: ${cmd[*]}" >&2; exit 1; }
      t1=$(now_ms)
      noop[$t]+=" $((t1 - t0))"
    done
  done
}

# shellcheck disable=SC2086 # a space-separated list, split on purpose
list_median() { printf '%s\n' $1 | median; }
list_count() { wc -w <<<"$1"; }

# The table of measure_migrate's results, one line per tool, then every run's time.
report_migrate() {
  local t base m
  base=$(list_median "${times[baseline]}")
  printf '%-12s %5s %10s %18s %17s\n' tool runs 'median ms' 'ratio of medians' 'paired ratio'
  for t in baseline "${tools[@]}"; do
    m=$(list_median "${times[$t]}")
    printf '%-12s %5d %10s %18.2f %17.2f\n' "$t" "$(list_count "${times[$t]}")" "$m" \
      "$(ratio "$m" "$base")" "$(list_median "${ratios[$t]}")"
  done
  for t in baseline "${tools[@]}"; do echo "  $t runs (ms):${times[$t]}"; done
}
report_noop() { # N
  local t
  for t in "${tools[@]}"; do
    printf 'no-op migrate, %s applied: %-12s median %6s ms   (runs:%s)\n' "$1" "$t" "$(list_median "${noop[$t]}")" "${noop[$t]}"
  done
}

# shellcheck disable=SC2034 # rc, ms and rss_mb are for the caller
# Runs "$@" under GNU time and `timeout LIMIT` (seconds); sets `rc` (124: timed out), `ms`
# (wall time) and `rss_mb` (peak resident set size of the command and its children).
peak() { # LIMIT command...
  local limit=$1 kb t0
  shift
  [ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null
  rc=0
  t0=$(now_ms)
  /usr/bin/time -f '%e %M' -o "$work/time.out" timeout -k 10 "$limit" "$@" >/dev/null 2>"$work/stderr.out" || rc=$?
  ms=$(($(now_ms) - t0))
  read -r _ kb < <(tail -1 "$work/time.out")
  rss_mb=$(awk -v k="$kb" 'BEGIN {printf "%.1f", k / 1024}')
}
