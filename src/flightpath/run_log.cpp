#include "flightpath/run_log.h"

#include <array>
#include <charconv>

#include "commands/locked_section.h"

namespace runway::flightpath {

namespace {

// One column list for the DDL, the insert and the select, so they cannot drift apart.
// Portable SQL: the same types work on SQLite and PostgreSQL. Times are UTC.
constexpr std::array<std::pair<const char*, const char*>, 13> kColumns = {{
    {"run_id", "VARCHAR(36) NOT NULL PRIMARY KEY"},
    {"command", "VARCHAR(20) NOT NULL"},
    {"started_at", "TIMESTAMP NOT NULL"},
    {"finished_at", "TIMESTAMP NOT NULL"},
    {"outcome", "VARCHAR(20) NOT NULL"},
    {"migrations_applied", "INTEGER NOT NULL"},
    {"failed_rows_removed", "INTEGER NOT NULL"},
    {"version_before", "VARCHAR(50)"},
    {"version_after", "VARCHAR(50)"},
    {"error_code", "VARCHAR(64)"},
    {"runway_version", "VARCHAR(32) NOT NULL"},
    {"environment", "VARCHAR(100)"},
    {"commit_sha", "VARCHAR(64)"},
}};

SqlValue text_or_null(const std::string& text) {
  return text.empty() ? SqlValue() : text;
}

int parse_int(const SqlValue& value) {
  int out = 0;
  if (value) std::from_chars(value->data(), value->data() + value->size(), out);
  return out;
}

}  // namespace

const char* outcome_name(RunOutcome outcome) {
  switch (outcome) {
    case RunOutcome::Success:
      return "success";
    case RunOutcome::Failed:
      return "failed";
    case RunOutcome::NothingToDo:
      return "nothing_to_do";
  }
  return "failed";
}

std::optional<RunOutcome> parse_outcome(std::string_view name) {
  for (RunOutcome o : {RunOutcome::Success, RunOutcome::Failed, RunOutcome::NothingToDo}) {
    if (name == outcome_name(o)) return o;
  }
  return std::nullopt;
}

std::string RunLogTable::qualified_name() const {
  return db_.quote(schema_) + "." + db_.quote(table_);
}

Result<bool> RunLogTable::exists() {
  return db_.table_exists(schema_, table_);
}

Result<void> RunLogTable::append(const RunRecord& r) {
  std::string ddl = "CREATE TABLE IF NOT EXISTS " + qualified_name() + " (";
  std::string names, markers;
  for (std::size_t i = 0; i < kColumns.size(); ++i) {
    const char* separator = i ? ", " : "";
    ddl += separator + db_.quote(kColumns[i].first) + " " + kColumns[i].second;
    names += separator + db_.quote(kColumns[i].first);
    markers += separator + db_.parameter(static_cast<int>(i) + 1);
  }
  ddl += ")";
  std::vector<SqlValue> values = {
      r.run_id,
      r.command,
      format_utc(r.started_at),
      format_utc(r.finished_at),
      std::string(outcome_name(r.outcome)),
      std::to_string(r.migrations_applied),
      std::to_string(r.failed_rows_removed),
      text_or_null(r.version_before),
      text_or_null(r.version_after),
      text_or_null(r.error_code),
      r.runway_version,
      text_or_null(r.environment),
      text_or_null(r.commit),
  };
  return with_transaction(db_, /*transactional=*/true, [&]() -> Result<void> {
    RUNWAY_TRY(db_.execute(ddl));
    RUNWAY_TRY(db_.modify(
        "INSERT INTO " + qualified_name() + " (" + names + ") VALUES (" + markers + ")", values));
    return {};
  });
}

Result<std::vector<RunRecord>> RunLogTable::read() {
  std::string names;
  for (std::size_t i = 0; i < kColumns.size(); ++i) {
    names += (i ? ", " : "") + db_.quote(kColumns[i].first);
  }
  RUNWAY_ASSIGN(result, db_.query("SELECT " + names + " FROM " + qualified_name() + " ORDER BY " +
                                  db_.quote("started_at") + ", " + db_.quote("run_id")));
  std::vector<RunRecord> runs;
  for (const auto& row : result.rows) {
    RunRecord r;
    r.run_id = row[0].value_or("");
    r.command = row[1].value_or("");
    auto started = parse_utc(row[2].value_or(""));
    auto finished = parse_utc(row[3].value_or(""));
    auto outcome = parse_outcome(row[4].value_or(""));
    if (!started || !finished || !outcome) {
      return fail(ErrorCode::Error, "Run log " + qualified_name() + " has an unreadable row (run " +
                                        r.run_id +
                                        "): times must be UTC timestamps and outcome "
                                        "one of success, failed, nothing_to_do");
    }
    r.started_at = *started;
    r.finished_at = *finished;
    r.outcome = *outcome;
    r.migrations_applied = parse_int(row[5]);
    r.failed_rows_removed = parse_int(row[6]);
    r.version_before = row[7].value_or("");
    r.version_after = row[8].value_or("");
    r.error_code = row[9].value_or("");
    r.runway_version = row[10].value_or("");
    r.environment = row[11].value_or("");
    r.commit = row[12].value_or("");
    runs.push_back(std::move(r));
  }
  return runs;
}

}  // namespace runway::flightpath
