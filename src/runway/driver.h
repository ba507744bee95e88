// The database driver interface. A driver is small: run statements and queries, manage
// transactions and locks, and state the dialect facts that differ between engines. Planning
// and validation never see a driver; commands use it through HistoryTable and the executor.
// Adding an engine means one new folder under src/db/ and one line in open_database().
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runway/error.h"
#include "runway/sql_splitter.h"

namespace runway {

// What a driver reads from the configuration: how to connect, and the names runway will
// create, so that a driver can refuse one its engine cannot hold before connecting. The
// session builds it from Settings (defaults as there); drivers never see Settings.
struct ConnectionOptions {
  std::string url;
  std::string user;
  std::string password;  // never printed
  std::map<std::string, std::string> jdbc_properties;
  int connect_retries = 0;
  int connect_retries_interval = 120;  // seconds, the longest wait between attempts
  std::string init_sql;                // run once connected; placeholders already replaced
  int lock_retry_count = 50;           // SQLite: how long a write waits for other writers
  // The history table, the run log and the schemas: PostgreSQL refuses a name it would cut.
  std::string table = "flyway_schema_history";
  std::string flightpath_table = "runway_flightpath_runs";
  std::string default_schema;
  std::vector<std::string> schemas;
};

using SqlValue = std::optional<std::string>;  // nullopt is SQL NULL

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<SqlValue>> rows;
  std::int64_t affected_rows = -1;  // for statements without a result set; -1 if unknown
};

// A message the server sent while a statement ran (PostgreSQL NOTICE/WARNING ...).
struct DbNotice {
  std::string severity;  // "NOTICE", "WARNING", "INFO", ...
  std::string sql_state;
  std::string message;
};
using NoticeHandler = std::function<void(const DbNotice&)>;

// How a migrate iteration excludes other runway and Flyway processes (spec 8.3).
enum class LockScope {
  Transaction,  // held until the surrounding transaction ends; call after begin()
  Session,      // held until release_lock(); used when a migration cannot run in a transaction
};

class Database {
 public:
  virtual ~Database() = default;

  // --- facts -----------------------------------------------------------------------------
  virtual SqlDialect dialect() const = 0;
  virtual std::string product_name() const = 0;     // "SQLite", "PostgreSQL"
  virtual std::string product_version() const = 0;  // "<major>.<minor>"
  virtual int major_version() const = 0;
  // Identifier quoting: "name" with embedded quotes doubled, on both engines.
  virtual std::string quote(std::string_view identifier) const;
  // Positional parameter marker n (1-based) for query(): `$n` on both engines.
  virtual std::string parameter(int n) const;
  // Fails with ErrorCode::Configuration when runway does not support this server (PostgreSQL:
  // older than 13). The session asks once the connection is open and named in the log.
  virtual Result<void> check_supported() const = 0;

  // --- statements ------------------------------------------------------------------------
  // Commands keep reads and writes apart, so that a dry run (-dryRunOutput) can write out
  // every change and pass every read through: execute() and modify() may change the
  // database, query() only reads it.
  //
  // Runs one statement as plain SQL, without parameters: script statements and DDL. A
  // statement's result set, if any, is returned (outputQueryResults prints it).
  virtual Result<QueryResult> execute(std::string_view sql) = 0;
  // Runs a reading statement with parameters written as parameter(1), parameter(2), ...
  virtual Result<QueryResult> query(std::string_view sql, std::span<const SqlValue> params) = 0;
  Result<QueryResult> query(std::string_view sql) { return query(sql, {}); }
  // Runs a statement with parameters that changes data or session state (the history
  // table's INSERT, UPDATE, DELETE; the migration search_path). Drivers run it as query()
  // does; a dry run writes it out.
  virtual Result<QueryResult> modify(std::string_view sql, std::span<const SqlValue> params);
  Result<QueryResult> modify(std::string_view sql) { return modify(sql, {}); }
  // modify() for a statement that changes only this session's settings, not data (the
  // migration search_path). A driver may send it ahead of a deferred lock's answer (see
  // acquire_lock): no other session sees it, and a rollback undoes it. By default it runs now.
  virtual Result<void> modify_session(std::string_view sql, std::span<const SqlValue> params);
  // modify() for the last write of a transaction, when the caller's next call is commit() or
  // rollback(). A driver may hold the write back and send it with the COMMIT (PostgreSQL:
  // one round trip for both); its error, passed through `explain` (which says what was being
  // written), is then what commit() returns. By default it runs now.
  using WriteErrorContext = std::function<Error(Error)>;
  virtual Result<void> modify_before_commit(std::string_view sql, std::span<const SqlValue> params,
                                            WriteErrorContext explain);
  // PostgreSQL COPY ... FROM STDIN: starts `sql` and streams what `data` produces into it.
  // Returns the number of rows copied. Engines without COPY fail with a clear message.
  using CopyDataSource = std::function<Result<void>(const StatementSplitter::CopySink& sink)>;
  virtual Result<std::int64_t> copy_in(std::string_view sql, const CopyDataSource& data);
  // Inside a transaction a driver may send a script's statements ahead, without waiting for
  // each one's answer (PostgreSQL: pipeline mode), so that a migration of ten statements waits
  // for the server once rather than ten times. send_ahead() returns false, having sent nothing,
  // where the driver runs statements one at a time (outside a transaction; an engine without
  // pipelining): the caller then uses execute(). collect_sent() waits for every statement sent
  // ahead and hands their results to `on_result` in order. The server skips what follows a
  // failed statement, so the statement that failed is the first one without a result, and its
  // error is what collect_sent() returns. No other call may come between the two.
  virtual Result<bool> send_ahead(std::string_view /*sql*/) { return false; }
  using ResultHandler = std::function<void(const QueryResult&)>;
  virtual Result<void> collect_sent(const ResultHandler& /*on_result*/) { return {}; }
  virtual void set_notice_handler(NoticeHandler handler) = 0;
  // Names what the next statements belong to (a script about to run). Only a dry run uses
  // it, as a `--` comment in its output.
  virtual void annotate(std::string_view /*comment*/) {}

  // --- transactions and locks ------------------------------------------------------------
  virtual Result<void> begin() = 0;  // SQLite: BEGIN IMMEDIATE, so writers queue up
  virtual Result<void> commit() = 0;
  virtual Result<void> rollback() = 0;
  virtual bool in_transaction() const = 0;
  // Takes the migration lock for the history table `"schema"."table"` (spec 8.3). Retries
  // once a second, `retry_count` times (negative: forever). SQLite has no lock beyond its
  // own write transaction, so this is a no-op there. A driver may defer a transaction-scoped
  // lock to the next statement (PostgreSQL sends it with the next read); then that statement
  // is what waits for the lock and reports a timeout, and no statement's effect or result is
  // seen without the lock.
  virtual Result<void> acquire_lock(LockScope scope, const std::string& schema,
                                    const std::string& table, int retry_count) = 0;
  virtual Result<void> release_lock(LockScope scope) = 0;

  // --- schemas ---------------------------------------------------------------------------
  virtual Result<std::string> current_schema() = 0;  // SQLite: "main"
  virtual Result<std::string> current_user() = 0;    // SQLite: ""
  virtual Result<std::string> database_name() = 0;   // SQLite: fails (Flyway cannot either)
  // The search path that puts `schema` first, for migrations to run with (spec 5.4.1):
  // `schema`, quoted, in front of the connection's own search path; empty when that already
  // starts with it, and on an engine without a search path (SQLite). Only reads.
  virtual Result<std::string> search_path_starting_with(const std::string& schema) = 0;
  // Makes `search_path` (from search_path_starting_with) this session's search path with
  // search_path_statement() through modify_session(): a dry run writes it out, PostgreSQL
  // sends it with a migration's BEGIN, lock attempt and history read. Empty: does nothing.
  Result<void> use_search_path(const std::string& search_path);
  // The statement use_search_path() runs, the path as parameter(1); empty without a search path.
  virtual std::string search_path_statement() const = 0;
  virtual Result<bool> schema_exists(const std::string& schema) = 0;
  // Empty as Flyway defines it (spec 5.4 step 3): objects other than views/triggers etc.
  virtual Result<bool> schema_is_empty(const std::string& schema) = 0;
  virtual Result<void> create_schema(const std::string& schema) = 0;
  virtual Result<void> drop_schema(const std::string& schema) = 0;
  // Drops every object in the schema (spec 5.7), the history table included.
  virtual Result<void> clean_schema(const std::string& schema) = 0;
  virtual Result<bool> table_exists(const std::string& schema, const std::string& table) = 0;

  // --- history table ---------------------------------------------------------------------
  // A stamp that changes whenever a row of `schema`.`table` may have changed: another
  // connection committed to the database, or this one prepared a statement that writes to the
  // table. nullopt when the driver cannot tell. The history table compares stamps to skip
  // reading rows it already holds (SQLite: PRAGMA data_version and an authorizer, a few
  // microseconds, where the read costs a hundred).
  virtual Result<std::optional<std::uint64_t>> change_stamp(const std::string& /*schema*/,
                                                            const std::string& /*table*/) {
    return std::optional<std::uint64_t>();
  }
  // The statements that create the history table (spec 4.2), in order. `baseline_insert`,
  // when given, is placed where Flyway places the baseline row.
  virtual std::vector<std::string> history_table_ddl(
      const std::string& schema, const std::string& table, const std::string& tablespace,
      const std::optional<std::string>& baseline_insert) const = 0;
  // The SQL literal for a boolean column value (PostgreSQL: true/false, SQLite: 1/0).
  virtual std::string boolean_literal(bool value) const = 0;
  // A SQL expression for the history timestamp `column` (already quoted) as UTC milliseconds
  // since the Unix epoch, a 64-bit integer.
  virtual std::string epoch_milliseconds(std::string_view column) const = 0;
};

// Opens the database named by options.url (jdbc:sqlite:..., jdbc:postgresql://...,
// postgresql://...), honouring connectRetries and running initSql.
Result<std::unique_ptr<Database>> open_database(const ConnectionOptions& options);

// `text` as a SQL string literal: in single quotes, embedded quotes doubled.
std::string sql_string_literal(std::string_view text);

}  // namespace runway
