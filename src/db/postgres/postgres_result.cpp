#include "db/postgres/postgres_result.h"

#include <cstdlib>
#include <string>

#include "db/postgres/libpq.h"

namespace runway::postgres {
namespace {

std::string trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  std::size_t last = text.find_last_not_of(kSpace);
  return std::string(text.substr(first, last - first + 1));
}

constexpr std::string_view kConnectionFailure = "08006";

std::string field(const PGresult* result, int code) {
  const char* value = result ? libpq().PQresultErrorField(result, code) : nullptr;
  return value ? trimmed(value) : std::string();
}

}  // namespace

std::string connection_message(PGconn* connection) {
  return trimmed(libpq().PQerrorMessage(connection));
}

QueryResult to_query_result(const PGresult* result) {
  QueryResult query_result;
  if (libpq().PQresultStatus(result) != PGRES_TUPLES_OK) {
    const char* count = libpq().PQcmdTuples(const_cast<PGresult*>(result));
    if (count && *count) query_result.affected_rows = std::strtoll(count, nullptr, 10);
    return query_result;
  }
  const int columns = libpq().PQnfields(result);
  const int rows = libpq().PQntuples(result);
  for (int c = 0; c < columns; ++c) query_result.columns.emplace_back(libpq().PQfname(result, c));
  query_result.rows.reserve(rows);
  for (int r = 0; r < rows; ++r) {
    std::vector<SqlValue>& row = query_result.rows.emplace_back();
    row.reserve(columns);
    for (int c = 0; c < columns; ++c) {
      if (libpq().PQgetisnull(result, r, c)) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(
            std::string(libpq().PQgetvalue(result, r, c), libpq().PQgetlength(result, r, c)));
      }
    }
  }
  query_result.affected_rows = rows;
  return query_result;
}

Error statement_error(PGconn* connection, const PGresult* result, std::string_view statement) {
  std::string message = field(result, PG_DIAG_MESSAGE_PRIMARY);
  if (message.empty()) {
    message = trimmed(result ? libpq().PQresultErrorMessage(result) : "");
    if (message.empty()) message = connection_message(connection);
  }
  // The same layout pgjdbc gives these lines, which Flyway users know from its error block.
  if (std::string detail = field(result, PG_DIAG_MESSAGE_DETAIL); !detail.empty()) {
    message += "\n  Detail: " + detail;
  }
  if (std::string hint = field(result, PG_DIAG_MESSAGE_HINT); !hint.empty()) {
    message += "\n  Hint: " + hint;
  }
  std::string sql_state = field(result, PG_DIAG_SQLSTATE);
  // A lost connection has no server to give a SQLSTATE; pgjdbc reports 08006
  // (connection_failure), and a script can tell it from a statement the server refused.
  if (sql_state.empty() && libpq().PQstatus(connection) == CONNECTION_BAD) {
    sql_state = std::string(kConnectionFailure);
  }
  Error error(ErrorCode::DbConnection, message);
  error.sql = SqlErrorInfo{std::move(sql_state), 0, message, std::string(statement)};
  return error;
}

}  // namespace runway::postgres
