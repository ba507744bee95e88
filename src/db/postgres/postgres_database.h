// The PostgreSQL driver: one libpq connection behind the Database interface. Statements run
// in autocommit mode unless begin() opened a transaction. Its methods are spread over a few
// files by job: statements and facts (postgres_database.cpp), the advisory lock
// (postgres_lock.cpp), schemas and the history table (postgres_schema.cpp), clean
// (postgres_clean.cpp) and connecting (postgres_open.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

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

  Result<QueryResult> execute(std::string_view sql) override;
  using Database::query;
  Result<QueryResult> query(std::string_view sql, std::span<const SqlValue> params) override;
  Result<std::int64_t> copy_in(std::string_view sql, const CopyDataSource& data) override;
  void set_notice_handler(NoticeHandler handler) override;

  Result<void> begin() override;
  Result<void> commit() override;
  Result<void> rollback() override;
  bool in_transaction() const override;
  Result<void> acquire_lock(LockScope scope, const std::string& schema, const std::string& table,
                            int retry_count) override;
  Result<void> release_lock(LockScope scope) override;

  Result<std::string> current_schema() override;
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
  std::optional<std::int64_t> session_lock_key_;  // held by acquire_lock(LockScope::Session)
};

}  // namespace runway::postgres
