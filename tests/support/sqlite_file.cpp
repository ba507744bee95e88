#include "support/sqlite_file.h"

#include <sqlite3.h>

#include <stdexcept>

namespace runway::testing {

std::vector<Row> sqlite_rows(const std::string& database_file, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(database_file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + database_file);
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    std::string message = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw std::runtime_error(message + " in: " + sql);
  }
  std::vector<Row> rows;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    Row row;
    for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
      if (sqlite3_column_type(stmt, c) == SQLITE_NULL) row.emplace_back(std::nullopt);
      else row.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, c)));
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rows;
}

std::optional<std::string> sqlite_value(const std::string& database_file, const std::string& sql) {
  auto rows = sqlite_rows(database_file, sql);
  if (rows.empty() || rows[0].empty()) return std::nullopt;
  return rows[0][0];
}

}  // namespace runway::testing
