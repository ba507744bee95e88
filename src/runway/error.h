// The error currency of runway: a small value type carried inside Result<T>.
// Errors are converted to Flyway's error codes, messages and exit status in one place
// (cli/), never thrown across module boundaries.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace runway {

// Flyway's error codes (spec 10.3). The JSON renderer prints the name; every code exits 1.
// Flyway's LICENSING (exit 35) has no place: runway rejects the keys of paid features as
// configuration errors.
enum class ErrorCode {
  Fault,
  Error,
  DbConnection,
  Configuration,      // a wrong setting: Flyway reports a plain error, code ERROR
  ConfigurationFile,  // Flyway's CONFIGURATION: see error_code_name()
  DuplicateVersionedMigration,
  DuplicateRepeatableMigration,
  DuplicateUndoMigration,
  DuplicateDeletedMigration,
  NonEmptySchemaWithoutSchemaHistoryTable,
  ValidateError,
  SchemaDoesNotExist,
  FailedBaselineMigration,
  FailedRepeatableMigration,
  FailedVersionedMigration,
  AppliedRepeatableMigrationNotResolved,
  AppliedVersionedMigrationNotResolved,
  ResolvedRepeatableMigrationNotApplied,
  ResolvedVersionedMigrationNotApplied,
  OutdatedRepeatableMigration,
  TypeMismatch,
  ChecksumMismatch,
  DescriptionMismatch,
};

const char* error_code_name(ErrorCode code);

// Where in a file an error happened. line/column are 1-based; 0 means unknown.
struct SourceLocation {
  std::string path;  // as scanned (relative to its location), for people
  std::string absolute_path;
  int line = 0;
  int column = 0;
};

// A database error, as reported by the server or engine.
struct SqlErrorInfo {
  std::string sql_state;  // PostgreSQL SQLSTATE; empty on SQLite
  int vendor_code = 0;    // SQLite primary result code; 0 on PostgreSQL
  std::string message;    // the server's own words, trimmed
  std::string statement;  // the statement that failed (shown with -X)
  // Flyway's subErrorCode, which its JSON has for a database error outside a script:
  // CONNECTION_FAILURE when connecting, else null (empty here).
  std::string sub_code = {};
};

struct Error {
  ErrorCode code = ErrorCode::Error;
  std::string message;
  std::optional<SourceLocation> location;
  std::optional<SqlErrorInfo> sql;
  // Flyway's exception chain under the message, outermost first (JSON `cause`).
  std::vector<std::string> causes;

  Error() = default;
  Error(ErrorCode c, std::string msg) : code(c), message(std::move(msg)) {}

  Error& at(SourceLocation loc) {
    location = std::move(loc);
    return *this;
  }
  Error& because(std::string why) {
    causes.push_back(std::move(why));
    return *this;
  }
};

template <typename T>
using Result = std::expected<T, Error>;

// Flyway's block for a failed SQL operation: the title, dashes as long as it, then
// `SQL State  : `, `Error Code : ` and `Message    : ` lines (no newline at the end).
std::string sql_error_block(const std::string& title, const SqlErrorInfo& sql);

inline std::unexpected<Error> fail(ErrorCode code, std::string message) {
  return std::unexpected<Error>(Error(code, std::move(message)));
}
inline std::unexpected<Error> fail(Error error) {
  return std::unexpected<Error>(std::move(error));
}

}  // namespace runway

#define RUNWAY_CONCAT_INNER_(a, b) a##b
#define RUNWAY_CONCAT_(a, b) RUNWAY_CONCAT_INNER_(a, b)

// Propagates the error of a Result-returning expression, like Rust's `?`.
#define RUNWAY_TRY(expr) RUNWAY_TRY_IMPL_(RUNWAY_CONCAT_(runway_try_, __COUNTER__), expr)
#define RUNWAY_TRY_IMPL_(tmp, expr)                           \
  do {                                                        \
    auto tmp = (expr);                                        \
    if (!tmp) return std::unexpected(std::move(tmp).error()); \
  } while (0)

// Evaluates a Result-returning expression and binds its value to `var`, or propagates its error.
#define RUNWAY_ASSIGN(var, expr)                                                \
  auto var##_result_ = (expr);                                                  \
  if (!var##_result_) return std::unexpected(std::move(var##_result_).error()); \
  auto var = std::move(*var##_result_)
