// Defaults shared by every driver.
#include <string>

#include "runway/driver.h"

namespace runway {

std::string Database::quote(std::string_view identifier) const {
  std::string quoted = "\"";
  for (char c : identifier) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string Database::parameter(int n) const {
  return "$" + std::to_string(n);
}

Result<QueryResult> Database::modify(std::string_view sql, std::span<const SqlValue> params) {
  return query(sql, params);
}

Result<void> Database::modify_session(std::string_view sql, std::span<const SqlValue> params) {
  RUNWAY_TRY(modify(sql, params));
  return {};
}

Result<void> Database::use_search_path(const std::string& search_path) {
  const std::string statement = search_path_statement();
  if (search_path.empty() || statement.empty()) return {};
  const SqlValue path[] = {search_path};
  return modify_session(statement, path);
}

Result<void> Database::modify_before_commit(std::string_view sql, std::span<const SqlValue> params,
                                            WriteErrorContext explain) {
  auto written = modify(sql, params);
  if (!written) return fail(explain(std::move(written.error())));
  return {};
}

std::string sql_string_literal(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

Result<std::int64_t> Database::copy_in(std::string_view, const CopyDataSource&) {
  return fail(ErrorCode::Error,
              "COPY ... FROM STDIN is only supported on PostgreSQL, not on " + product_name());
}

}  // namespace runway
