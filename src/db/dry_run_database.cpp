#include "db/dry_run_database.h"

#include <cctype>
#include <string>

namespace runway {

namespace {

std::string sql_literal(const SqlValue& value) {
  return value ? sql_string_literal(*value) : std::string("NULL");
}

// A statement ends with `;` on its own line when its last line holds a `--` comment, which
// would otherwise swallow the delimiter.
bool last_line_has_line_comment(std::string_view sql) {
  std::size_t start = sql.rfind('\n');
  return sql.substr(start == std::string_view::npos ? 0 : start + 1).find("--") !=
         std::string_view::npos;
}

}  // namespace

std::string sql_line_comment(std::string_view text) {
  std::string comment = "-- ";
  for (std::size_t i = 0; i < text.size(); ++i) {
    // PostgreSQL ends a -- comment at \r as well as at \n; \r\n is one break.
    if (text[i] == '\r' || text[i] == '\n') {
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      comment += "\n-- ";
    } else {
      comment += text[i];
    }
  }
  return comment;
}

std::string bind_parameters_as_literals(std::string_view sql, std::span<const SqlValue> params) {
  std::string out;
  char quote = 0;  // the quote we are inside of, if any
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '$' && i + 1 < sql.size() &&
               std::isdigit(static_cast<unsigned char>(sql[i + 1]))) {
      std::size_t end = i + 1;
      while (end < sql.size() && std::isdigit(static_cast<unsigned char>(sql[end]))) ++end;
      std::size_t n = std::stoul(std::string(sql.substr(i + 1, end - i - 1)));
      if (n >= 1 && n <= params.size()) {
        out += sql_literal(params[n - 1]);
        i = end - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}

Result<void> DryRunDatabase::written() const {
  if (out_) return {};
  return fail(ErrorCode::Error, "Unable to write the dry run output (dryRunOutput)");
}

Result<void> DryRunDatabase::write_statement(std::string_view sql) {
  out_ << sql << (last_line_has_line_comment(sql) ? "\n;\n" : ";\n");
  return written();
}

Result<QueryResult> DryRunDatabase::execute(std::string_view sql) {
  RUNWAY_TRY(write_statement(sql));
  return QueryResult{};
}

Result<QueryResult> DryRunDatabase::modify(std::string_view sql, std::span<const SqlValue> params) {
  RUNWAY_TRY(write_statement(bind_parameters_as_literals(sql, params)));
  QueryResult result;
  result.affected_rows = 0;  // unknown: nothing ran
  return result;
}

// psql's format: the COPY statement, its data lines, then `\.`.
Result<std::int64_t> DryRunDatabase::copy_in(std::string_view sql, const CopyDataSource& data) {
  RUNWAY_TRY(write_statement(sql));
  bool ends_with_newline = true;
  RUNWAY_TRY(data([&](std::string_view chunk) -> Result<void> {
    out_ << chunk;
    if (!chunk.empty()) ends_with_newline = chunk.back() == '\n';
    return written();
  }));
  out_ << (ends_with_newline ? "" : "\n") << "\\.\n";
  RUNWAY_TRY(written());
  return 0;
}

void DryRunDatabase::annotate(std::string_view comment) {
  out_ << "\n" << sql_line_comment(comment) << "\n";
}

Result<void> DryRunDatabase::begin() {
  RUNWAY_TRY(write_statement("BEGIN"));
  in_transaction_ = true;
  return {};
}

Result<void> DryRunDatabase::commit() {
  RUNWAY_TRY(write_statement("COMMIT"));
  in_transaction_ = false;
  return {};
}

Result<void> DryRunDatabase::rollback() {
  if (!in_transaction_) return {};
  in_transaction_ = false;
  return write_statement("ROLLBACK");
}

Result<bool> DryRunDatabase::schema_exists(const std::string& schema) {
  if (created_schemas_.contains(schema)) return true;
  return real_->schema_exists(schema);
}

Result<bool> DryRunDatabase::schema_is_empty(const std::string& schema) {
  if (created_schemas_.contains(schema)) return true;
  return real_->schema_is_empty(schema);
}

Result<void> DryRunDatabase::create_schema(const std::string& schema) {
  // SQLite cannot create schemas; its driver refuses without touching the file, so its
  // answer is the dry run's answer too.
  if (dialect() == SqlDialect::Sqlite) return real_->create_schema(schema);
  RUNWAY_TRY(write_statement("CREATE SCHEMA " + quote(schema)));
  created_schemas_.insert(schema);
  return {};
}

Result<void> DryRunDatabase::drop_schema(const std::string& schema) {
  return fail(ErrorCode::Configuration, "Unable to drop schema \"" + schema +
                                            "\" in a dry run: dryRunOutput supports "
                                            "migrate, undo and baseline");
}

Result<void> DryRunDatabase::clean_schema(const std::string& schema) {
  return fail(ErrorCode::Configuration, "Unable to clean schema \"" + schema +
                                            "\" in a dry run: dryRunOutput supports "
                                            "migrate, undo and baseline");
}

}  // namespace runway
