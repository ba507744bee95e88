// The embedded engine: SQLite through its C API. One connection does everything; a write
// transaction (BEGIN IMMEDIATE) is the lock, so concurrent runway processes queue on
// SQLite's own file lock instead of failing with SQLITE_BUSY.
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "db/drivers.h"
#include "runway/config.h"

namespace runway {

namespace {

constexpr std::string_view kJdbcPrefix = "jdbc:sqlite:";

Error sqlite_error(sqlite3* db, int code, std::string_view sql) {
  std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  // The primary result code (19, not 2067 for SQLITE_CONSTRAINT_UNIQUE), as Flyway's driver
  // reports it in "Error Code" and sqlErrorCode.
  int primary = (db ? sqlite3_extended_errcode(db) : code) & 0xFF;
  Error error(ErrorCode::DbConnection, message);
  error.sql = SqlErrorInfo{"", primary, message, std::string(sql)};
  return error;
}

struct StatementDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

bool is_identifier(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

// `jdbc:sqlite:<path>[?pragma=value&...]`, `jdbc:sqlite::memory:`, `jdbc:sqlite:file:...`.
struct SqliteUrl {
  std::string filename;
  bool uri = false;
  std::vector<std::pair<std::string, std::string>> pragmas;
};

Result<SqliteUrl> parse_sqlite_url(std::string_view url) {
  for (std::string_view alias : {"jdbc:sqldroid:", "jdbc:p6spy:sqlite:"}) {
    if (url.starts_with(alias)) url.remove_prefix(alias.size());
  }
  if (url.starts_with(kJdbcPrefix)) url.remove_prefix(kJdbcPrefix.size());
  SqliteUrl parsed;
  if (url.starts_with("file:")) {
    parsed.filename = std::string(url);
    parsed.uri = true;
    return parsed;
  }
  std::size_t query = url.find('?');
  parsed.filename = std::string(url.substr(0, query));
  if (query != std::string_view::npos) {
    std::string_view rest = url.substr(query + 1);
    while (!rest.empty()) {
      std::size_t amp = rest.find('&');
      std::string_view pair = rest.substr(0, amp);
      std::size_t eq = pair.find('=');
      std::string key(pair.substr(0, eq));
      std::string value(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
      if (!is_identifier(key) || !is_identifier(value)) {
        return fail(ErrorCode::Configuration,
                    "Unsupported SQLite URL parameter '" + std::string(pair) +
                        "': parameters must be pragma=value with letters, digits and _ only");
      }
      parsed.pragmas.emplace_back(key, value);
      rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    }
  }
  if (parsed.filename.empty()) {
    return fail(ErrorCode::Configuration,
                "The SQLite URL names no database file: " + std::string(url));
  }
  return parsed;
}

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(sqlite3* db) : db_(db) {}
  ~SqliteDatabase() override { sqlite3_close_v2(db_); }

  SqlDialect dialect() const override { return SqlDialect::Sqlite; }
  std::string product_name() const override { return "SQLite"; }
  std::string product_version() const override {
    std::string v = sqlite3_libversion();
    return v.substr(0, v.find('.', v.find('.') + 1));
  }
  int major_version() const override { return sqlite3_libversion_number() / 1000000; }
  Result<void> check_supported() const override { return {}; }  // the linked library

  using Database::query;
  Result<QueryResult> execute(std::string_view sql) override { return run(sql, {}); }
  Result<QueryResult> query(std::string_view sql, std::span<const SqlValue> params) override {
    return run(sql, params);
  }
  void set_notice_handler(NoticeHandler) override {}  // SQLite sends no notices

  Result<void> begin() override {
    auto begun = exec_simple("BEGIN IMMEDIATE");
    if (!begun && begun.error().sql && begun.error().sql->vendor_code == SQLITE_BUSY) {
      return fail(locked_error(std::move(begun).error()));
    }
    return begun;
  }
  Result<void> commit() override { return exec_simple("COMMIT"); }
  Result<void> rollback() override {
    if (!in_transaction()) return {};  // SQLite may already have rolled back on error
    return exec_simple("ROLLBACK");
  }
  bool in_transaction() const override { return sqlite3_get_autocommit(db_) == 0; }
  Result<void> acquire_lock(LockScope, const std::string&, const std::string&, int) override {
    return {};
  }
  Result<void> release_lock(LockScope) override { return {}; }

  Result<std::string> current_schema() override { return std::string("main"); }
  // SQLite has no search path to set.
  Result<std::string> search_path_starting_with(const std::string&) override {
    return std::string();
  }
  std::string search_path_statement() const override { return std::string(); }
  Result<std::string> current_user() override { return std::string(); }
  Result<std::string> database_name() override {
    return fail(ErrorCode::Error, "SQLite does not report a database name");
  }
  Result<bool> schema_exists(const std::string& schema) override {
    RUNWAY_ASSIGN(rows, query("PRAGMA database_list"));
    return std::any_of(rows.rows.begin(), rows.rows.end(),
                       [&](const auto& row) { return row.size() > 1 && row[1] == schema; });
  }
  Result<bool> schema_is_empty(const std::string& schema) override {
    RUNWAY_ASSIGN(rows, query("SELECT count(*) FROM " + quote(schema) +
                              ".sqlite_master WHERE type = 'table' AND name NOT IN "
                              "('sqlite_sequence', 'android_metadata')"));
    return rows.rows.at(0).at(0) == "0";
  }
  Result<void> create_schema(const std::string& schema) override {
    return fail(ErrorCode::Error,
                "SQLite cannot create schema \"" + schema + "\": attach the database file instead");
  }
  Result<void> drop_schema(const std::string& schema) override {
    return fail(ErrorCode::Error, "SQLite cannot drop schema \"" + schema + "\"");
  }
  Result<void> clean_schema(const std::string& schema) override;
  Result<bool> table_exists(const std::string& schema, const std::string& table) override {
    SqlValue name = table;
    RUNWAY_ASSIGN(rows, query("SELECT 1 FROM " + quote(schema) +
                                  ".sqlite_master WHERE type = 'table' AND name = $1",
                              std::span<const SqlValue>(&name, 1)));
    return !rows.rows.empty();
  }

  std::vector<std::string> history_table_ddl(
      const std::string& schema, const std::string& table, const std::string&,
      const std::optional<std::string>& baseline_insert) const override {
    std::vector<std::string> ddl = {
        "CREATE TABLE " + quote(schema) + "." + quote(table) +
        " (\n    \"installed_rank\" INT NOT NULL PRIMARY KEY,\n    \"version\" VARCHAR(50),\n"
        "    \"description\" VARCHAR(200) NOT NULL,\n    \"type\" VARCHAR(20) NOT NULL,\n"
        "    \"script\" VARCHAR(1000) NOT NULL,\n    \"checksum\" INT,\n"
        "    \"installed_by\" VARCHAR(100) NOT NULL,\n"
        "    \"installed_on\" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),\n"
        "    \"execution_time\" INT NOT NULL,\n    \"success\" BOOLEAN NOT NULL\n)"};
    if (baseline_insert) ddl.push_back(*baseline_insert);
    ddl.push_back("CREATE INDEX " + quote(schema) + "." + quote(table + "_s_idx") + " ON " +
                  quote(table) + " (\"success\")");
    return ddl;
  }
  // PRAGMA data_version changes when another connection commits; the authorizer sees every
  // statement this connection prepares, migrations' included, before it can write the table.
  // Within a write transaction no other connection can commit, so one data_version read
  // serves the whole transaction.
  Result<std::optional<std::uint64_t>> change_stamp(const std::string& schema,
                                                    const std::string& table) override {
    if (watched_table_ != table) {
      watched_table_ = table;
      sqlite3_set_authorizer(db_, count_writes_to_watched_table, this);
    }
    if (!data_version_) {
      RUNWAY_ASSIGN(shown, query("PRAGMA " + quote(schema) + ".data_version"));
      std::uint64_t version = 0;
      const std::string text = shown.rows.empty() ? "" : shown.rows[0][0].value_or("");
      std::from_chars(text.data(), text.data() + text.size(), version);
      if (in_transaction()) data_version_ = version;
      return std::optional<std::uint64_t>(version << 32 | (own_writes_ & 0xFFFFFFFF));
    }
    return std::optional<std::uint64_t>(*data_version_ << 32 | (own_writes_ & 0xFFFFFFFF));
  }
  std::string boolean_literal(bool value) const override { return value ? "1" : "0"; }
  // Timestamps are UTC text; 2440587.5 is the Julian day of the Unix epoch.
  std::string epoch_milliseconds(std::string_view column) const override {
    return "CAST(ROUND((julianday(" + std::string(column) +
           ") - 2440587.5) * 86400000.0) AS INTEGER)";
  }

  // Writers wait for each other for as long as a migration lock would be retried.
  void set_busy_timeout(int milliseconds) {
    busy_timeout_ms_ = milliseconds;
    sqlite3_busy_timeout(db_, milliseconds);
  }

  Result<void> apply_pragmas(const std::vector<std::pair<std::string, std::string>>& pragmas) {
    for (const auto& [key, value] : pragmas)
      RUNWAY_TRY(exec_simple("PRAGMA " + key + " = " + value));
    return {};
  }

 private:
  Result<void> exec_simple(const std::string& sql) {
    RUNWAY_TRY(run(sql, {}));
    return {};
  }

  // Prepares and steps every statement in `sql`; returns the rows of the last one that had
  // a result set. Parameters `$n` are bound by name so their order in the text is free.
  //
  // A statement that another process's schema change raced (SQLITE_SCHEMA) runs again, for as
  // long as a locked file would be waited for. SQLite re-prepares such a statement itself, but
  // only a few times in a row, and loading a schema of a thousand tables takes long enough
  // that processes migrating beside this one (Flyway takes no lock here) change it again each
  // time. A statement that fails this way executed nothing, so running it again is safe.
  Result<QueryResult> run(std::string_view sql, std::span<const SqlValue> params) {
    QueryResult result;
    const char* tail = sql.data();
    const char* end = sql.data() + sql.size();
    bool ran_any = false;
    while (tail < end) {
      const std::string_view rest(tail, static_cast<std::size_t>(end - tail));
      int rc = run_one(rest, params, tail, ran_any, result);
      if (rc == SQLITE_SCHEMA) {
        const auto give_up =
            std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms_);
        while (rc == SQLITE_SCHEMA && std::chrono::steady_clock::now() < give_up) {
          rc = run_one(rest, params, tail, ran_any, result);
        }
      }
      if (rc != SQLITE_OK) return fail(sqlite_error(db_, rc, sql));
    }
    if (!ran_any && has_lone_carriage_return(sql)) {
      // runway's splitter (like Flyway's) ends a -- comment at a carriage return, SQLite only
      // at a line feed: it would read the whole statement as a comment and skip it silently.
      return fail(ErrorCode::Error,
                  "SQLite would skip this statement: it ends a -- comment only at a line feed, "
                  "and this file breaks lines with a lone carriage return (\\r). Convert its line "
                  "endings to \\n or \\r\\n.");
    }
    return result;
  }

  // Prepares, binds and steps the first statement of `sql`, setting `next` to what follows
  // it once it succeeded, and `ran` when it was a statement (not whitespace or a comment).
  // Returns SQLITE_OK, or SQLite's error code with its message left on the connection.
  int run_one(std::string_view sql, std::span<const SqlValue> params, const char*& next, bool& ran,
              QueryResult& result) {
    sqlite3_stmt* raw = nullptr;
    const char* after = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, &after);
    if (rc != SQLITE_OK) return rc;
    Statement stmt(raw);
    if (!stmt) {  // whitespace or a comment
      next = after;
      return SQLITE_OK;
    }
    ran = true;
    for (std::size_t i = 0; i < params.size(); ++i) {
      std::string name = "$" + std::to_string(i + 1);
      int index = sqlite3_bind_parameter_index(stmt.get(), name.c_str());
      if (index == 0) continue;
      rc = params[i] ? sqlite3_bind_text(stmt.get(), index, params[i]->data(),
                                         static_cast<int>(params[i]->size()), SQLITE_TRANSIENT)
                     : sqlite3_bind_null(stmt.get(), index);
      if (rc != SQLITE_OK) return rc;
    }
    rc = step_all(stmt.get(), result);
    if (sqlite3_get_autocommit(db_)) data_version_.reset();  // a transaction ended
    if (rc == SQLITE_OK) next = after;
    return rc;
  }

  static bool has_lone_carriage_return(std::string_view sql) {
    for (std::size_t i = sql.find('\r'); i != std::string_view::npos; i = sql.find('\r', i + 1)) {
      if (i + 1 == sql.size() || sql[i + 1] != '\n') return true;
    }
    return false;
  }

  int step_all(sqlite3_stmt* stmt, QueryResult& result) {
    int columns = sqlite3_column_count(stmt);
    if (columns > 0) {
      result.columns.clear();
      result.rows.clear();
      for (int c = 0; c < columns; ++c) result.columns.emplace_back(sqlite3_column_name(stmt, c));
    }
    while (true) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return rc;
      std::vector<SqlValue> row;
      row.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
          row.emplace_back(std::nullopt);
        } else {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          row.emplace_back(
              std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
        }
      }
      result.rows.push_back(std::move(row));
    }
    if (columns == 0) result.affected_rows = sqlite3_changes64(db_);
    return SQLITE_OK;
  }

  // SQLite's own words, "database is locked", name neither the file nor what to do.
  Error locked_error(Error busy) const {
    const char* file = sqlite3_db_filename(db_, "main");
    std::string cause = std::move(busy.message);
    busy.message = fmt::format(
        "Unable to lock SQLite database {}: another connection held its write lock for longer "
        "than lockRetryCount allows ({:.0f} s). Nothing was changed; run again once it is done, "
        "or raise lockRetryCount.",
        file && *file ? file : "(in memory)", busy_timeout_ms_ / 1000.0);
    busy.because(std::move(cause));
    return busy;
  }

  static int count_writes_to_watched_table(void* self, int action, const char* first,
                                           const char* second, const char*, const char*) {
    auto* me = static_cast<SqliteDatabase*>(self);
    const char* table = action == SQLITE_ALTER_TABLE ? second : first;
    const bool writes = action == SQLITE_INSERT || action == SQLITE_UPDATE ||
                        action == SQLITE_DELETE || action == SQLITE_DROP_TABLE ||
                        action == SQLITE_ALTER_TABLE;
    if (writes && table && sqlite3_stricmp(table, me->watched_table_.c_str()) == 0) {
      ++me->own_writes_;
    }
    return SQLITE_OK;
  }

  sqlite3* db_;
  int busy_timeout_ms_ = 0;
  // change_stamp(): the table whose writes the authorizer counts, the count, and the
  // data_version read in the current write transaction (none outside one).
  std::string watched_table_;
  std::uint64_t own_writes_ = 0;
  std::optional<std::uint64_t> data_version_;
};

Result<void> SqliteDatabase::clean_schema(const std::string& schema) {
  std::string master = quote(schema) + ".sqlite_master";
  RUNWAY_ASSIGN(fk, query("PRAGMA foreign_keys"));
  bool foreign_keys_on = !fk.rows.empty() && fk.rows[0][0] == "1";
  RUNWAY_ASSIGN(views, query("SELECT name FROM " + master + " WHERE type = 'view'"));
  for (const auto& row : views.rows) {
    RUNWAY_TRY(exec_simple("DROP VIEW " + quote(schema) + "." + quote(*row[0])));
  }
  RUNWAY_ASSIGN(tables, query("SELECT name FROM " + master +
                              " WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"));
  // Dropping a referenced table fails while foreign keys are enforced, so switch them off
  // around each drop as Flyway does.
  for (const auto& row : tables.rows) {
    std::string drop = "DROP TABLE " + quote(schema) + "." + quote(*row[0]);
    if (foreign_keys_on) drop = "PRAGMA foreign_keys = OFF; " + drop + "; PRAGMA foreign_keys = ON";
    RUNWAY_TRY(exec_simple(drop));
  }
  RUNWAY_ASSIGN(has_sequence, table_exists(schema, "sqlite_sequence"));
  if (has_sequence) RUNWAY_TRY(exec_simple("DELETE FROM " + quote(schema) + ".sqlite_sequence"));
  return {};
}

// Writers wait for each other as long as a migration lock would be retried (spec 8.3): one
// second per retry, -1 (forever) and counts too large for an int of milliseconds capped.
int busy_timeout_ms(int lock_retry_count) {
  constexpr int kLongest = INT32_MAX / 2;
  if (lock_retry_count < 0) return kLongest;
  return static_cast<int>(
      std::min<std::int64_t>((std::int64_t{lock_retry_count} + 1) * 1000, kLongest));
}

}  // namespace

Result<std::unique_ptr<Database>> open_sqlite(const ConnectionOptions& options) {
  RUNWAY_ASSIGN(url, parse_sqlite_url(options.url));
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | (url.uri ? SQLITE_OPEN_URI : 0);
  int rc = sqlite3_open_v2(url.filename.c_str(), &raw, flags, nullptr);
  auto db = std::make_unique<SqliteDatabase>(raw);
  if (rc != SQLITE_OK) {
    Error error = sqlite_error(raw, rc, "");
    error.message = "Unable to open SQLite database " + url.filename + ": " + error.message;
    return fail(std::move(error));
  }
  db->set_busy_timeout(busy_timeout_ms(options.lock_retry_count));
  RUNWAY_TRY(db->apply_pragmas(url.pragmas));
  if (!options.init_sql.empty()) RUNWAY_TRY(db->execute(options.init_sql));
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace runway
