// The PostgreSQL driver: one libpq connection behind the Database interface. Statements run
// in autocommit mode unless begin() opened a transaction. Its methods are spread over a few
// files by job: statements and facts (postgres_database.cpp), transactions and what is
// deferred (postgres_transaction.cpp), the advisory lock (postgres_lock.cpp), schemas and the
// history table (postgres_schema.cpp), clean (postgres_clean.cpp) and connecting
// (postgres_open.cpp); postgres_pipeline.cpp sends several statements in one round trip.
//
// begin() and a transaction-scoped acquire_lock() are deferred: nothing is sent until the next
// statement, and then they travel with it in one pipeline when it only reads (query()). A
// modify_session() issued meanwhile (the migration search_path) joins them. A migration's
// BEGIN, lock attempt, search_path and history read so cost one round trip instead of four.
// If the lock was refused, the read's result is thrown away (it changed nothing) and the
// usual wait-and-retry follows. A statement that may write is never sent before the lock is
// granted: execute(), modify() and copy_in() first settle what is deferred.
//
// modify_before_commit() is held back too and sent in one pipeline with the COMMIT, and a
// script's statements are sent ahead in one pipeline of their own (postgres_send_ahead.cpp),
// so a migration waits for the server three times however many statements it has, where psql
// waits once per statement and three more times: [BEGIN, lock attempt, history read], [the
// statements], [history INSERT, COMMIT].
//
// Writes given with parameters (modify(), modify_before_commit(): the history table's rows)
// run as named prepared statements, planned once per session rather than once per migration;
// planning the history INSERT, which computes its rank with MAX(), costs more than running
// it. Reads are not prepared: a prepared read must keep its result type, which a migration
// altering the history table's columns would change. A DISCARD or DEALLOCATE run by a script
// makes the driver forget what it prepared, and a DISCARD ALL (which also releases advisory
// locks) makes it take its session lock again.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "db/postgres/postgres_pipeline.h"
#include "db/postgres/postgres_result.h"
#include "runway/driver.h"

namespace runway::postgres {

class PostgresDatabase final : public Database {
 public:
  explicit PostgresDatabase(ConnectionPtr connection);
  // The notice receiver libpq holds points at this object, so it must stay where it is.
  PostgresDatabase(const PostgresDatabase&) = delete;
  PostgresDatabase& operator=(const PostgresDatabase&) = delete;

  SqlDialect dialect() const override { return SqlDialect::Postgres; }
  std::string product_name() const override { return "PostgreSQL"; }
  std::string product_version() const override;
  int major_version() const override;
  Result<void> check_supported() const override;

  Result<QueryResult> execute(std::string_view sql) override;
  using Database::query;
  Result<QueryResult> query(std::string_view sql, std::span<const SqlValue> params) override;
  using Database::modify;
  Result<QueryResult> modify(std::string_view sql, std::span<const SqlValue> params) override;
  Result<void> modify_session(std::string_view sql, std::span<const SqlValue> params) override;
  Result<void> modify_before_commit(std::string_view sql, std::span<const SqlValue> params,
                                    WriteErrorContext explain) override;
  Result<std::int64_t> copy_in(std::string_view sql, const CopyDataSource& data) override;
  Result<bool> send_ahead(std::string_view sql) override;
  Result<void> collect_sent(const ResultHandler& on_result) override;
  void set_notice_handler(NoticeHandler handler) override;

  Result<void> begin() override;
  Result<void> commit() override;
  Result<void> rollback() override;
  bool in_transaction() const override;
  Result<void> acquire_lock(LockScope scope, const std::string& schema, const std::string& table,
                            int retry_count) override;
  Result<void> release_lock(LockScope scope) override;

  Result<std::string> current_schema() override;
  Result<std::string> search_path_starting_with(const std::string& schema) override;
  std::string search_path_statement() const override {
    return "SELECT pg_catalog.set_config('search_path', $1, false)";
  }
  Result<std::string> current_user() override;
  Result<std::string> database_name() override;
  Result<bool> schema_exists(const std::string& schema) override;
  Result<bool> schema_is_empty(const std::string& schema) override;
  Result<void> create_schema(const std::string& schema) override;
  Result<void> drop_schema(const std::string& schema) override;
  Result<void> clean_schema(const std::string& schema) override;
  Result<bool> table_exists(const std::string& schema, const std::string& table) override;

  std::vector<std::string> history_table_ddl(
      const std::string& schema, const std::string& table, const std::string& tablespace,
      const std::optional<std::string>& baseline_insert) const override;
  std::string boolean_literal(bool value) const override { return value ? "true" : "false"; }
  // A timestamp without time zone holds the session's TimeZone; AT TIME ZONE makes it an instant.
  std::string epoch_milliseconds(std::string_view column) const override {
    return "CAST(ROUND(EXTRACT(EPOCH FROM " + std::string(column) +
           " AT TIME ZONE current_setting('TimeZone')) * 1000) AS BIGINT)";
  }

 private:
  struct LockRequest {
    std::int64_t key;
    int retry_count;
  };
  struct DeferredWrite {
    std::string sql;
    std::vector<SqlValue> params;
    WriteErrorContext explain;
  };

  Result<QueryResult> run_query(std::string_view sql, std::span<const SqlValue> params);
  // run_pipeline on this connection, forgetting every prepared statement if it failed.
  Result<std::vector<ResultPtr>> send_batch(std::span<const PipelinedStatement> batch);
  // A write as a named prepared statement: prepared with it the first time (see above).
  PipelinedStatement prepared_write(std::string_view sql, std::span<const SqlValue> params);
  // The outcome of a prepared_write(). After an error the statement is forgotten and prepared
  // again, under a new name, when next used.
  Result<QueryResult> finish_write(ResultPtr result, std::string_view sql);
  Result<QueryResult> run_write(std::string_view sql, std::span<const SqlValue> params);
  // Sends the deferred BEGIN, lock attempt and session write, then `read` when given, in one
  // round trip, and returns the read's rows (none without a read). Until the lock is granted
  // it waits and retries (rolling back and beginning again around each wait), sending the
  // session write and `read` again each time.
  Result<QueryResult> send_deferred(const PipelinedStatement* read);
  // Sends whatever is deferred, before a statement that may write. A held-back write that
  // fails here (its caller broke the contract of modify_before_commit) reports its own error.
  Result<void> settle();
  // The outcome of a held-back write, its error explained as its caller asked.
  Result<void> check_write(const DeferredWrite& write, ResultPtr result);
  bool has_deferred_start() const {
    return begin_deferred_ || lock_deferred_.has_value() || session_write_deferred_.has_value();
  }
  // Tries the session lock until it is granted or its retries are used up.
  Result<void> take_session_lock(const LockRequest& lock);
  // After a script's statement with `command_tag`: a DISCARD or DEALLOCATE dropped the
  // prepared writes, and DISCARD ALL the session lock, which is taken again.
  Result<void> after_session_reset(std::string_view command_tag);
  // After lock `key` was refused `retries` times: fails once `retry_count` is used up
  // (negative: never), otherwise waits a second outside any transaction.
  Result<void> wait_for_lock(std::int64_t key, LockScope scope, int retry_count, int retries);
  // Turns what libpq returned for `statement` into rows or an error, leaving the connection
  // ready for the next statement (an unexpected COPY is ended first).
  Result<QueryResult> finish(ResultPtr result, std::string_view statement);
  // The first column of the first row; nullopt for SQL NULL or no row.
  Result<SqlValue> query_value(std::string_view sql, std::span<const SqlValue> params = {});
  Result<bool> query_flag(std::string_view sql, std::span<const SqlValue> params = {});
  // Runs the statements the query (with the schema as $1) produces, column by column: every
  // row's first statement, then every row's second, ... (NULLs are skipped).
  Result<void> execute_generated(std::string_view query, const std::string& schema);
  // Who holds advisory lock `key` in this database, for the lock timeout message.
  std::string describe_lock_holders(std::int64_t key);
  static void receive_notice(void* self, const PGresult* notice);

  ConnectionPtr connection_;
  NoticeHandler notice_handler_;
  std::optional<LockRequest> session_lock_;              // held by acquire_lock(LockScope::Session)
  bool begin_deferred_ = false;                          // begin() called, BEGIN not yet sent
  std::optional<LockRequest> lock_deferred_;             // acquire_lock(Transaction), not yet sent
  std::optional<DeferredWrite> write_deferred_;          // modify_before_commit(), not yet sent
  std::optional<DeferredWrite> session_write_deferred_;  // modify_session(), not yet sent
  std::unordered_map<std::string, std::string> prepared_names_;  // write SQL -> its statement
  int prepared_count_ = 0;
  std::size_t sent_ahead_ = 0;  // statements in the open pipeline of send_ahead()
};

}  // namespace runway::postgres
