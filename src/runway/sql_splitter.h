// Splits a script into statements as Flyway's parsers do (spec section 9), one statement at a
// time from a stream: memory is bounded by the longest statement, not by the file.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "runway/error.h"
#include "runway/text_source.h"

namespace runway {

enum class SqlDialect { Sqlite, Postgres };

struct SqlStatement {
  std::string text;  // from the first token (leading comments included) to the last, trimmed;
                     // the delimiter is not part of it
  int line = 0;      // 1-based position of the first non-comment token
  int column = 0;
  // Cannot run inside a transaction (spec 8.2): PostgreSQL CREATE INDEX CONCURRENTLY,
  // VACUUM, ...; SQLite PRAGMA foreign_keys.
  bool non_transactional = false;
  // PostgreSQL `COPY ... FROM STDIN`: the data that follows must be read with
  // StatementSplitter::read_copy_data before asking for the next statement.
  bool copy_from_stdin = false;
  // Starts or ends a transaction itself (BEGIN, COMMIT, ROLLBACK, ...), so what runs after it
  // depends on its outcome: it is never sent ahead of earlier statements' answers.
  bool controls_transaction = false;
};

struct SplitterOptions {
  // PostgreSQL before 12 cannot run ALTER TYPE ... ADD VALUE in a transaction.
  int server_major_version = 0;
};

class StatementSplitter {
 public:
  virtual ~StatementSplitter() = default;

  // The next statement, or nullopt at the end of the script. Fails on an unterminated
  // quote, dollar quote, block comment or block with "Incomplete statement at line L col C".
  virtual Result<std::optional<SqlStatement>> next() = 0;

  // After a statement with copy_from_stdin: streams the inline data, in chunks of whole
  // lines with their line breaks, up to (not including) the `\.` line.
  using CopySink = std::function<Result<void>(std::string_view chunk)>;
  virtual Result<void> read_copy_data(const CopySink& sink) = 0;

  // After next() or read_copy_data() failed: whether reading the script failed (the text
  // source's error, such as a placeholder without a value) rather than splitting it.
  virtual bool read_failed() const = 0;
};

std::unique_ptr<StatementSplitter> make_splitter(SqlDialect dialect, TextSource& source,
                                                 SplitterOptions options = {});

}  // namespace runway
