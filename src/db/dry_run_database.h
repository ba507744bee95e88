// -dryRunOutput: a Database that reads from the real one and changes nothing. What counts as
// a write is decided by the interface, not by guessing from SQL text:
//   * writes, turned into SQL text appended to the output: execute() (script statements and
//     DDL), modify() (history-table INSERT/UPDATE/DELETE, its `$n` parameters rendered as
//     literals), copy_in() (COPY data in psql's format), begin/commit/rollback,
//     create_schema(); drop_schema() and clean_schema() refuse;
//   * reads, passed through: query(), table_exists(), schema facts and dialect facts;
//   * the session's search path (use_search_path()) is written out, like modify().
// Locks are not taken: nothing is written, so there is nothing to protect, and a script
// produced for a person to review should not carry runway's lock calls.
#pragma once

#include <memory>
#include <ostream>
#include <set>

#include "runway/driver.h"

namespace runway {

class DryRunDatabase final : public Database {
 public:
  DryRunDatabase(std::unique_ptr<Database> real, std::ostream& out)
      : real_(std::move(real)), out_(out) {}

  SqlDialect dialect() const override { return real_->dialect(); }
  std::string product_name() const override { return real_->product_name(); }
  std::string product_version() const override { return real_->product_version(); }
  int major_version() const override { return real_->major_version(); }
  std::string quote(std::string_view identifier) const override { return real_->quote(identifier); }
  std::string parameter(int n) const override { return real_->parameter(n); }
  Result<void> check_supported() const override { return real_->check_supported(); }

  using Database::modify;
  using Database::query;
  Result<QueryResult> execute(std::string_view sql) override;
  Result<QueryResult> query(std::string_view sql, std::span<const SqlValue> params) override {
    return real_->query(sql, params);
  }
  Result<QueryResult> modify(std::string_view sql, std::span<const SqlValue> params) override;
  Result<std::int64_t> copy_in(std::string_view sql, const CopyDataSource& data) override;
  void set_notice_handler(NoticeHandler handler) override {
    real_->set_notice_handler(std::move(handler));
  }
  void annotate(std::string_view comment) override;

  Result<void> begin() override;
  Result<void> commit() override;
  Result<void> rollback() override;
  bool in_transaction() const override { return in_transaction_; }
  Result<void> acquire_lock(LockScope, const std::string&, const std::string&, int) override {
    return {};
  }
  Result<void> release_lock(LockScope) override { return {}; }

  Result<std::string> current_schema() override { return real_->current_schema(); }
  Result<std::string> search_path_starting_with(const std::string& schema) override {
    return real_->search_path_starting_with(schema);
  }
  // use_search_path() runs it through modify(), so it is written out, not run.
  std::string search_path_statement() const override { return real_->search_path_statement(); }
  Result<std::string> current_user() override { return real_->current_user(); }
  Result<std::string> database_name() override { return real_->database_name(); }
  Result<bool> schema_exists(const std::string& schema) override;
  Result<bool> schema_is_empty(const std::string& schema) override;
  Result<void> create_schema(const std::string& schema) override;
  Result<void> drop_schema(const std::string& schema) override;
  Result<void> clean_schema(const std::string& schema) override;
  Result<bool> table_exists(const std::string& schema, const std::string& table) override {
    if (created_schemas_.contains(schema)) return false;
    return real_->table_exists(schema, table);
  }

  std::vector<std::string> history_table_ddl(
      const std::string& schema, const std::string& table, const std::string& tablespace,
      const std::optional<std::string>& baseline_insert) const override {
    return real_->history_table_ddl(schema, table, tablespace, baseline_insert);
  }
  std::string boolean_literal(bool value) const override { return real_->boolean_literal(value); }
  std::string epoch_milliseconds(std::string_view column) const override {
    return real_->epoch_milliseconds(column);
  }

 private:
  Result<void> write_statement(std::string_view sql);
  Result<void> written() const;

  std::unique_ptr<Database> real_;
  std::ostream& out_;
  bool in_transaction_ = false;
  std::set<std::string> created_schemas_;  // exist only in the dry run
};

// `text` as `-- ` comment lines. A line break in it (a migration file may be named
// "V1__a\nDROP TABLE t;.sql") starts a new comment line instead of ending the comment, so no
// part of a name can become SQL, or a psql meta-command, when the output is run.
std::string sql_line_comment(std::string_view text);

// `sql` with each parameter marker `$n` outside quotes replaced by the SQL literal of
// params[n-1] ('text' with quotes doubled, or NULL).
std::string bind_parameters_as_literals(std::string_view sql, std::span<const SqlValue> params);

}  // namespace runway
