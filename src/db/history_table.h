// The flyway_schema_history table, byte-for-byte as Flyway reads and writes it (spec 4),
// on any driver. Rows are read incrementally: each refresh fetches only ranks not seen yet.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runway/driver.h"
#include "runway/migration.h"

namespace runway {

// What a new row records; installed_rank and installed_on are decided by the table.
struct HistoryRow {
  std::string version;  // display text, "" for NULL
  std::string description;
  MigrationType type = MigrationType::Sql;
  std::string script;
  std::optional<std::int32_t> checksum;
  int execution_time = 0;
  bool success = true;
};

class HistoryTable {
 public:
  HistoryTable(Database& db, std::string schema, std::string table, std::string tablespace,
               std::string installed_by)
      : db_(db),
        schema_(std::move(schema)),
        table_(std::move(table)),
        tablespace_(std::move(tablespace)),
        installed_by_(std::move(installed_by)) {}

  // "schema"."table", as Flyway prints it in messages.
  std::string qualified_name() const;
  const std::string& schema() const { return schema_; }
  const std::string& table() const { return table_; }
  const std::string& installed_by() const { return installed_by_; }

  // In a dry run, writes never reach the table, so the table remembers its own: exists()
  // is true once create() ran, and the rows it inserted are part of rows(), with the ranks
  // a real run would give them.
  void simulate_writes() { simulated_ = true; }

  Result<bool> exists();
  // Creates the table, with a baseline marker row when `baseline` is given (spec 4.2, 4.6).
  Result<void> create(const std::optional<HistoryRow>& baseline);
  // Every row, in rank order. Only rows added since the last call are fetched, and none when
  // the driver's change stamp says the table is as it was (Database::change_stamp).
  Result<const std::vector<AppliedMigration>*> rows();
  // rows(), except that installed_on may be empty in the rows this table inserted itself: all
  // a plan needs, without reading back what was just written.
  Result<const std::vector<AppliedMigration>*> rows_for_planning();
  // Forgets the cached rows (after repair deletes or updates some).
  void invalidate() {
    rows_.clear();
    stamp_.reset();
    unread_from_rank_.reset();
  }

  // Adds `row`. With CommitFollows::Yes the caller's next database call is commit() or
  // rollback(), so the driver may send the INSERT with the COMMIT (Database::
  // modify_before_commit) and an error in it is then what commit() returns.
  enum class CommitFollows { No, Yes };
  Result<void> insert(const HistoryRow& row, CommitFollows commit_follows = CommitFollows::No);
  // `repair`: removes failed rows, aligns one row with its local file.
  Result<int> remove_failed();
  Result<void> update(int installed_rank, const std::string& description, MigrationType type,
                      std::optional<std::int32_t> checksum);
  // The schema-creation marker for schemas runway created, e.g. `"app","audit"`.
  static HistoryRow schema_marker(const std::vector<std::string>& schemas);
  static HistoryRow baseline_marker(const std::string& version, const std::string& description);

 private:
  std::string name() const;
  std::string baseline_insert_sql(const HistoryRow& baseline) const;
  Database::WriteErrorContext insert_failure(const HistoryRow& row) const;
  static Result<AppliedMigration> parse_row(std::vector<SqlValue>&& row);
  Result<void> remember(const HistoryRow& row, int rank);
  Result<const std::vector<AppliedMigration>*> read_new_rows();
  std::string row_markers(std::size_t count) const;
  Result<void> insert_with_rank(const HistoryRow& row, std::vector<SqlValue> params,
                                const std::string& insert, CommitFollows commit_follows);

  Database& db_;
  std::string schema_;
  std::string table_;
  std::string tablespace_;  // PostgreSQL only; empty for the default
  std::string installed_by_;
  std::vector<AppliedMigration> rows_;
  // The driver's change stamp when rows_ last matched the table; the first rank inserted
  // since without reading it back (its installed_on is unknown).
  std::optional<std::uint64_t> stamp_;
  std::optional<int> unread_from_rank_;
  bool simulated_ = false;
  bool created_in_dry_run_ = false;  // the table exists only in the dry run's output
};

}  // namespace runway
