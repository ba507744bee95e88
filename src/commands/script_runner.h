// Running a script's statements on a database, one at a time from the splitter.
#pragma once

#include <functional>
#include <string>

#include "runway/driver.h"
#include "runway/migration.h"
#include "runway/sql_splitter.h"
#include "runway/text_source.h"

namespace runway {

// What a first pass over a script found: whether it can run in a transaction (spec 8.2).
struct ScriptTraits {
  bool has_transactional = false;
  bool has_non_transactional = false;
  int first_non_transactional_line = 0;
  std::string first_non_transactional_sql;
};

// Fails only if the script cannot be read: one that cannot be split fails when it runs.
Result<ScriptTraits> inspect_script(TextSource& text, SqlDialect dialect, SplitterOptions options);

// Names the script in error messages: relative path as scanned and absolute path.
struct ScriptIdentity {
  std::string script;
  std::string absolute_path;
  std::string file_name;
};

// Where run_script is relative to one statement, for statement-level callbacks (spec 7.10).
enum class StatementPhase { Before, After, AfterError };
using StatementHook = std::function<Result<void>(StatementPhase)>;

ScriptIdentity identity_of(const ResolvedMigration& migration);

struct RunOptions {
  SplitterOptions splitter;
  bool output_query_results = true;
  StatementHook on_statement;  // empty: no statement-level callbacks
  // When given, counts the statements sent to the database, so that a caller can tell a
  // script that failed before it ran anything (a placeholder or parse error above its first
  // statement) from one that failed part-way.
  int* statements_sent = nullptr;
};

// Flyway's report of a script that cannot be split into statements (a placeholder without a
// value, a statement never finished): "Unable to parse statement in <file> at line L col C.
// See <link> ..." with the reason after it and as its cause.
Error parse_error(const Error& error, const ScriptIdentity& identity);

// Executes every statement. A failure comes back as Flyway's error block naming the file,
// the line of the failing statement, the SQL state and the engine's message (spec 9.5).
Result<void> run_script(Database& db, TextSource& text, const ScriptIdentity& identity,
                        const RunOptions& options);

}  // namespace runway
