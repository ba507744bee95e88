#include "db/history_table.h"

#include <charconv>

namespace runway {

namespace {

constexpr const char* kColumns =
    "\"installed_rank\",\"version\",\"description\",\"type\",\"script\",\"checksum\","
    "\"installed_on\",\"installed_by\",\"execution_time\",\"success\"";

constexpr const char* kInsertColumns =
    "\"installed_rank\",\"version\",\"description\",\"type\",\"script\",\"checksum\","
    "\"installed_by\",\"execution_time\",\"success\"";

template <typename T>
std::optional<T> parse_number(const SqlValue& value) {
  if (!value) return std::nullopt;
  T out{};
  auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), out);
  if (ec != std::errc()) return std::nullopt;
  return out;
}

// PostgreSQL sends booleans as t/f, SQLite as 1/0.
bool parse_bool(const SqlValue& value) {
  return value && (*value == "t" || *value == "1" || *value == "true" || *value == "TRUE");
}

// Flyway's FlywaySqlException: `title` over the database's error block, caused by its message.
Error sql_exception(const std::string& title, const SqlErrorInfo& sql, ErrorCode code) {
  Error error(code, sql_error_block(title, sql));
  error.sql = sql;
  return std::move(error.because(sql.message));
}

// spec 4.3: the schema-creation marker is rank 0 in an empty table, everything else rank 1.
int first_rank(const HistoryRow& row) {
  return row.type == MigrationType::Schema ? 0 : 1;
}

}  // namespace

// ",$1,$2,...": the parameters of every column after installed_rank.
std::string HistoryTable::row_markers(std::size_t count) const {
  std::string markers;
  for (int i = 1; i <= static_cast<int>(count); ++i) markers += "," + db_.parameter(i);
  return markers;
}

std::string HistoryTable::qualified_name() const {
  return db_.quote(schema_) + "." + db_.quote(table_);
}

std::string HistoryTable::name() const {
  return qualified_name();
}

Result<bool> HistoryTable::exists() {
  if (created_in_dry_run_) return true;
  return db_.table_exists(schema_, table_);
}

std::string HistoryTable::baseline_insert_sql(const HistoryRow& b) const {
  // Flyway writes the baseline row as a literal statement inside the create script; runway
  // escapes quotes, so a quote in installedBy or the description cannot break it.
  return std::string("INSERT INTO ") + name() + " (" + kInsertColumns + ") VALUES (1, " +
         sql_string_literal(b.version) + ", " + sql_string_literal(b.description) + ", " +
         sql_string_literal(migration_type_name(b.type)) + ", " + sql_string_literal(b.script) +
         ", NULL, " + sql_string_literal(installed_by_) + ", 0, " + db_.boolean_literal(true) + ")";
}

Result<void> HistoryTable::create(const std::optional<HistoryRow>& baseline) {
  std::optional<std::string> insert;
  if (baseline) insert = baseline_insert_sql(*baseline);
  for (const std::string& sql : db_.history_table_ddl(schema_, table_, tablespace_, insert)) {
    auto created = db_.execute(sql);
    if (!created) {
      // Flyway runs these statements as a script without a name: its error block, caused by
      // the database's error.
      const SqlErrorInfo info =
          created.error().sql.value_or(SqlErrorInfo{"", 0, created.error().message, sql});
      return fail(sql_exception("Failed to execute script ", info, created.error().code));
    }
  }
  invalidate();
  if (simulated_) {
    created_in_dry_run_ = true;
    if (baseline) {
      HistoryRow marker = *baseline;
      marker.checksum = std::nullopt;  // as baseline_insert_sql writes it
      RUNWAY_TRY(remember(marker, 1));
    }
  }
  return {};
}

Result<AppliedMigration> HistoryTable::parse_row(std::vector<SqlValue>&& row) {
  AppliedMigration m;
  m.installed_rank = parse_number<int>(row[0]).value_or(0);
  if (row[1]) {
    m.version_text = *row[1];
    auto version = MigrationVersion::parse(*row[1]);
    if (!version) return std::unexpected(version.error());
    m.version = *version;
  }
  m.description = std::move(row[2]).value_or("");
  std::string type = row[3].value_or("");
  auto parsed_type = parse_migration_type(type);
  if (!parsed_type) {
    return fail(ErrorCode::Error, "Unknown migration type '" + type +
                                      "' found in schema history.\nThe row was written by a tool "
                                      "that supports a migration type runway does not know.");
  }
  m.type = *parsed_type;
  m.script = std::move(row[4]).value_or("");
  m.checksum = parse_number<std::int32_t>(row[5]);
  m.installed_on = std::move(row[6]).value_or("");
  m.installed_by = std::move(row[7]).value_or("");
  m.execution_time = parse_number<int>(row[8]).value_or(0);
  m.success = parse_bool(row[9]);
  return m;
}

Result<const std::vector<AppliedMigration>*> HistoryTable::rows() {
  if (unread_from_rank_) {
    // Read back the rows this table wrote without reading them, for their installed_on.
    const int from = *unread_from_rank_;
    std::erase_if(rows_, [from](const AppliedMigration& m) { return m.installed_rank >= from; });
    unread_from_rank_.reset();
    stamp_.reset();
  }
  return rows_for_planning();
}

Result<const std::vector<AppliedMigration>*> HistoryTable::rows_for_planning() {
  if (created_in_dry_run_) return &rows_;
  // Taken before the read: a change committed between the two makes the next call read again.
  RUNWAY_ASSIGN(stamp, db_.change_stamp(schema_, table_));
  if (stamp && stamp == stamp_) return &rows_;
  RUNWAY_TRY(read_new_rows());
  stamp_ = stamp;
  return &rows_;
}

Result<const std::vector<AppliedMigration>*> HistoryTable::read_new_rows() {
  int after = rows_.empty() ? -1 : rows_.back().installed_rank;
  std::string prefix = db_.dialect() == SqlDialect::Postgres ? "/*NO LOAD BALANCE*/\n" : "";
  SqlValue param = std::to_string(after);
  auto result =
      db_.query(prefix + "SELECT " + kColumns + " FROM " + name() + " WHERE \"installed_rank\" > " +
                    db_.parameter(1) + " ORDER BY \"installed_rank\"",
                std::span<const SqlValue>(&param, 1));
  if (!result && result.error().sql) {
    // Flyway's words. Between two migrations this read is the first statement of the next
    // one's transaction, so it is also where a lost connection shows.
    return fail(sql_exception(
        "Error while retrieving the list of applied migrations from Schema History table " +
            qualified_name(),
        *result.error().sql, result.error().code));
  }
  if (!result) return std::unexpected(std::move(result).error());
  rows_.reserve(rows_.size() + result->rows.size());
  for (auto& row : result->rows) {
    RUNWAY_ASSIGN(parsed, parse_row(std::move(row)));
    rows_.push_back(std::move(parsed));
    row = {};  // each row's text freed as soon as it is parsed
  }
  return &rows_;
}

// Flyway's words for a row the database refused, with the server's SQL State and message.
Database::WriteErrorContext HistoryTable::insert_failure(const HistoryRow& row) const {
  std::string title = "Unable to insert row for " +
                      (row.version.empty() ? "repeatable migration \"" + row.description + "\""
                                           : "version '" + row.version + "'") +
                      " in Schema History table " + qualified_name();
  return [title = std::move(title)](Error error) {
    const SqlErrorInfo sql = error.sql.value_or(SqlErrorInfo{"", 0, error.message, ""});
    Error explained(error.code, sql_error_block(title, sql));
    explained.sql = sql;
    return explained;
  };
}

Result<void> HistoryTable::insert(const HistoryRow& row, CommitFollows commit_follows) {
  std::vector<SqlValue> params = {
      row.version.empty() ? SqlValue() : SqlValue(row.version),
      abbreviate_description(row.description),
      std::string(migration_type_name(row.type)),
      abbreviate_script(row.script),
      row.checksum ? SqlValue(std::to_string(*row.checksum)) : SqlValue(),
      installed_by_,
      std::to_string(row.execution_time),
      row.success ? "1" : "0",
  };
  std::string insert = std::string("INSERT INTO ") + name() + " (" + kInsertColumns + ") ";
  if (simulated_) {
    // A dry run knows every row, its own included, and writes out the rank the replay gives
    // the row, for a person to review.
    RUNWAY_TRY(rows());
    return insert_with_rank(row, std::move(params), insert, commit_follows);
  }
  // With the rows known and no other writer possible (a write transaction holds the table),
  // the rank is the next one: no MAX() to plan and run (on SQLite, half the insert's cost).
  RUNWAY_ASSIGN(stamp, db_.change_stamp(schema_, table_));
  if (stamp && stamp == stamp_ && db_.in_transaction()) {
    RUNWAY_TRY(insert_with_rank(row, std::move(params), insert, commit_follows));
    RUNWAY_ASSIGN(after, db_.change_stamp(schema_, table_));
    stamp_ = after;  // the only change is the row just written
    if (!unread_from_rank_) unread_from_rank_ = rows_.back().installed_rank;
    return {};
  }
  // Otherwise the INSERT computes the rank itself, under the migration lock: reading the
  // history first would cost a round trip per migration.
  const std::string sql = insert + "SELECT COALESCE(MAX(\"installed_rank\") + 1, " +
                          std::to_string(first_rank(row)) + ")" + row_markers(params.size()) +
                          " FROM " + name();
  auto explain = insert_failure(row);
  if (commit_follows == CommitFollows::Yes) return db_.modify_before_commit(sql, params, explain);
  auto written = db_.modify(sql, params);
  if (!written) return fail(explain(std::move(written.error())));
  return {};
}

// The rank after the last row known: rows_ must hold every row.
Result<void> HistoryTable::insert_with_rank(const HistoryRow& row, std::vector<SqlValue> params,
                                            const std::string& insert,
                                            CommitFollows commit_follows) {
  const int rank = rows_.empty() ? first_rank(row) : rows_.back().installed_rank + 1;
  const std::string row_values = row_markers(params.size());
  params.push_back(std::to_string(rank));
  const std::string sql =
      insert + "VALUES (" + db_.parameter(static_cast<int>(params.size())) + row_values + ")";
  auto explain = insert_failure(row);
  if (commit_follows == CommitFollows::Yes) {
    RUNWAY_TRY(db_.modify_before_commit(sql, params, explain));
  } else {
    auto written = db_.modify(sql, params);
    if (!written) return fail(explain(std::move(written.error())));
  }
  return remember(row, rank);
}

Result<void> HistoryTable::remember(const HistoryRow& row, int rank) {
  AppliedMigration m;
  m.installed_rank = rank;
  if (!row.version.empty()) {
    RUNWAY_ASSIGN(version, MigrationVersion::parse(row.version));
    m.version = version;
    m.version_text = row.version;
  }
  m.description = abbreviate_description(row.description);
  m.type = row.type;
  m.script = abbreviate_script(row.script);
  m.checksum = row.checksum;
  m.installed_by = installed_by_;
  m.execution_time = row.execution_time;
  m.success = row.success;
  rows_.push_back(std::move(m));
  return {};
}

Result<int> HistoryTable::remove_failed() {
  RUNWAY_ASSIGN(result, db_.modify("DELETE FROM " + name() +
                                   " WHERE \"success\" = " + db_.boolean_literal(false)));
  invalidate();
  return static_cast<int>(result.affected_rows);
}

Result<void> HistoryTable::update(int installed_rank, const std::string& description,
                                  MigrationType type, std::optional<std::int32_t> checksum) {
  std::vector<SqlValue> params = {
      abbreviate_description(description), std::string(migration_type_name(type)),
      checksum ? SqlValue(std::to_string(*checksum)) : SqlValue(), std::to_string(installed_rank)};
  RUNWAY_TRY(db_.modify("UPDATE " + name() + " SET \"description\"=" + db_.parameter(1) +
                            " , \"type\"=" + db_.parameter(2) + " , \"checksum\"=" +
                            db_.parameter(3) + " WHERE \"installed_rank\"=" + db_.parameter(4),
                        params));
  invalidate();
  return {};
}

HistoryRow HistoryTable::schema_marker(const std::vector<std::string>& schemas) {
  HistoryRow row;
  row.description = "<< Flyway Schema Creation >>";
  row.type = MigrationType::Schema;
  for (std::size_t i = 0; i < schemas.size(); ++i) {
    row.script += (i ? ",\"" : "\"") + schemas[i] + "\"";
  }
  return row;
}

HistoryRow HistoryTable::baseline_marker(const std::string& version,
                                         const std::string& description) {
  HistoryRow row;
  row.version = version;
  row.description = abbreviate_description(description);
  row.type = MigrationType::Baseline;
  row.script = abbreviate_script(description);
  return row;
}

}  // namespace runway
