#include "commands/script_runner.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "core/ascii_table.h"

namespace runway {

ScriptIdentity identity_of(const ResolvedMigration& m) {
  return ScriptIdentity{m.script, m.absolute_path, m.file_name};
}

Result<ScriptTraits> inspect_script(TextSource& text, SqlDialect dialect, SplitterOptions options) {
  auto splitter = make_splitter(dialect, text, options);
  ScriptTraits traits;
  // A statement the script never finishes (a quote or block never closed) ends the pass
  // without failing it: the run meets it again and fails as that script's statement, logged
  // under its migration, with its file and line. Flyway's parser likewise hands such a
  // statement to the database, which refuses it when the migration runs. Like Flyway, it
  // counts as a transactional statement.
  auto stop_unless_read_failed = [&](Error error) -> Result<ScriptTraits> {
    if (splitter->read_failed()) return std::unexpected(std::move(error));
    traits.has_transactional = true;
    return traits;
  };
  while (true) {
    auto next = splitter->next();
    if (!next) return stop_unless_read_failed(std::move(next).error());
    if (!*next) return traits;
    const SqlStatement& statement = **next;
    if (statement.copy_from_stdin) {
      auto skipped = splitter->read_copy_data([](std::string_view) -> Result<void> { return {}; });
      if (!skipped) return stop_unless_read_failed(std::move(skipped).error());
    }
    if (statement.non_transactional) {
      if (!traits.has_non_transactional) {
        traits.first_non_transactional_line = statement.line;
        traits.first_non_transactional_sql = statement.text;
      }
      traits.has_non_transactional = true;
    } else {
      traits.has_transactional = true;
    }
  }
}

namespace {

Error statement_error(Error error, const ScriptIdentity& identity, const SqlStatement& statement) {
  SqlErrorInfo sql = error.sql.value_or(SqlErrorInfo{"", 0, error.message, ""});
  sql.statement = statement.text;
  std::string title = "Failed to execute script " + identity.file_name;
  std::string message = sql_error_block(title, sql) + "\nLocation   : " + identity.script + " (" +
                        identity.absolute_path + ")" +
                        "\nLine       : " + std::to_string(statement.line) +
                        "\nStatement  : " + statement.text;
  Error out(error.code, message);
  out.sql = sql;
  out.at(SourceLocation{identity.script, identity.absolute_path, statement.line, statement.column});
  return out;
}

void report_result(const QueryResult& result, const RunOptions& options) {
  if (!result.columns.empty() && options.output_query_results) {
    spdlog::info("{}", render_ascii_table(result.columns, result.rows, "No rows returned"));
  } else if (result.affected_rows >= 0) {
    spdlog::debug("{} row(s) affected", result.affected_rows);
  }
}

Result<void> execute_statement(Database& db, StatementSplitter& splitter,
                               const SqlStatement& statement, const RunOptions& options) {
  if (statement.copy_from_stdin) {
    RUNWAY_ASSIGN(copied, db.copy_in(statement.text, [&](const StatementSplitter::CopySink& sink) {
      return splitter.read_copy_data(sink);
    }));
    spdlog::debug("{} row(s) copied", copied);
    return {};
  }
  RUNWAY_ASSIGN(result, db.execute(statement.text));
  report_result(result, options);
  return {};
}

// The statements sent ahead of their answers (Database::send_ahead), kept until answered so
// that a failure names its statement. Answers are collected at the end of the script, before
// any statement that must run alone, and whenever the statements waiting hold more than
// kMaxWaitingBytes of SQL, so memory stays flat however long the script.
class StatementsSentAhead {
 public:
  StatementsSentAhead(Database& db, const ScriptIdentity& identity, const RunOptions& options)
      : db_(db), identity_(identity), options_(options) {}

  // False when the driver did not take the statement: run it with execute().
  Result<bool> send(const SqlStatement& statement) {
    auto sent = db_.send_ahead(statement.text);
    if (!sent) return fail(statement_error(std::move(sent).error(), identity_, statement));
    if (!*sent) return false;
    waiting_bytes_ += statement.text.size();
    waiting_.push_back(statement);
    if (waiting_bytes_ > kMaxWaitingBytes) RUNWAY_TRY(collect());
    return true;
  }

  Result<void> collect() {
    if (waiting_.empty()) return {};
    std::size_t answered = 0;
    auto collected = db_.collect_sent([&](const QueryResult& result) {
      report_result(result, options_);
      ++answered;
    });
    std::vector<SqlStatement> waiting = std::exchange(waiting_, {});
    waiting_bytes_ = 0;
    if (!collected) {
      const SqlStatement& failed = waiting.at(std::min(answered, waiting.size() - 1));
      return fail(statement_error(std::move(collected).error(), identity_, failed));
    }
    return {};
  }

 private:
  static constexpr std::size_t kMaxWaitingBytes = 1 << 20;

  Database& db_;
  const ScriptIdentity& identity_;
  const RunOptions& options_;
  std::vector<SqlStatement> waiting_;
  std::size_t waiting_bytes_ = 0;
};

}  // namespace

Error parse_error(const Error& error, const ScriptIdentity& identity) {
  SourceLocation where = error.location.value_or(SourceLocation{});
  where.path = identity.script;
  where.absolute_path = identity.absolute_path;
  Error wrapped(error.code,
                "Unable to parse statement in " + identity.absolute_path + " at line " +
                    std::to_string(where.line) + " col " + std::to_string(where.column) +
                    ". See https://rd.gt/3ipi7Pm for more information. " + error.message);
  return wrapped.at(std::move(where)).because(error.message);
}

Result<void> run_script(Database& db, TextSource& text, const ScriptIdentity& identity,
                        const RunOptions& options) {
  db.annotate(identity.script);
  auto splitter = make_splitter(db.dialect(), text, options.splitter);
  StatementsSentAhead ahead(db, identity, options);
  while (true) {
    auto next = splitter->next();
    if (!next) {
      RUNWAY_TRY(ahead.collect());  // a statement above that failed failed first
      return fail(parse_error(next.error(), identity));
    }
    if (!*next) return ahead.collect();
    const SqlStatement& statement = **next;
    spdlog::debug("Executing SQL: {}", statement.text);
    // Statement callbacks run between statements, and a COPY's data or a transaction's
    // end must be settled before what follows: those run one at a time.
    const bool alone =
        options.on_statement || statement.copy_from_stdin || statement.controls_transaction;
    if (!alone) {
      RUNWAY_ASSIGN(sent, ahead.send(statement));
      if (sent && options.statements_sent) ++*options.statements_sent;
      if (sent) continue;
    }
    RUNWAY_TRY(ahead.collect());
    if (options.on_statement) RUNWAY_TRY(options.on_statement(StatementPhase::Before));
    if (options.statements_sent) ++*options.statements_sent;
    auto ran = execute_statement(db, *splitter, statement, options);
    if (!ran) {
      // The error callbacks log their own failures; the statement's error is the one reported.
      if (options.on_statement) (void)options.on_statement(StatementPhase::AfterError);
      return fail(statement_error(ran.error(), identity, statement));
    }
    if (options.on_statement) RUNWAY_TRY(options.on_statement(StatementPhase::After));
  }
}

}  // namespace runway
