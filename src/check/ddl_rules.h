// Risky PostgreSQL DDL (rules PG001-PG010, docs/check.md): each statement of a migration is
// read as tokens, never as raw text, so a keyword inside a string, a comment or an identifier
// never fires a rule.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "check/sql_words.h"
#include "runway/sql_splitter.h"

namespace runway {

struct DdlOptions {
  bool execute_in_transaction = true;  // the executeInTransaction setting
  bool mixed = false;                  // the mixed setting
};

// The lines a `-- runway:ignore` comment for a statement may be on: after the previous
// statement's last line, up to this statement's last line.
struct StatementLines {
  int previous_last = 0;  // 0 for the first statement
  int last = 0;
};

struct DdlFinding {
  std::string_view rule;
  int line = 0;
  StatementLines statement;  // the statement it is about
  std::string message;
  std::string hint;
};

// Reviews the statements of one migration, in order, one at a time: what it keeps between
// statements is a summary (tables created, lock_timeout set, statements that cannot run in a
// transaction), never the statements. Tables the migration creates itself are new and empty,
// so nothing done to them is risky.
class DdlReview {
 public:
  explicit DdlReview(DdlOptions options) : options_(options) {}

  void add(const SqlStatement& statement);
  // Every finding, with those that depend on the whole migration (PG002).
  std::vector<DdlFinding> finish();

 private:
  using Words = std::vector<SqlWord>;

  void review_create(const Words& w);
  void review_alter_table(const Words& w);
  void review_alter_action(const std::string& table, const Words& w, std::size_t begin,
                           std::size_t end, bool& takes_exclusive_lock);
  void review_drop(const Words& w);
  void review_maintenance(const Words& w);
  void note_lock_timeout(const Words& w);
  void exclusive_lock(const std::string& table, int line);
  bool is_new(const std::string& table) const { return created_tables_.contains(table); }
  void report(std::string_view rule, int line, std::string message, std::string_view hint);

  DdlOptions options_;
  StatementLines lines_;  // of the statement being reviewed
  std::set<std::string> created_tables_;
  bool lock_timeout_set_ = false;
  bool has_transactional_ = false;
  struct NonTransactional {
    StatementLines lines;
    int line;
    std::string keywords;  // CREATE INDEX CONCURRENTLY
  };
  std::vector<NonTransactional> non_transactional_;
  std::vector<DdlFinding> findings_;
};

}  // namespace runway
