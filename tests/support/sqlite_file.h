// Reads a SQLite database file directly, so tests check what runway wrote without runway.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace runway::testing {

using Row = std::vector<std::optional<std::string>>;

// Runs `sql` on the database file and returns every row as text (NULL as nullopt).
std::vector<Row> sqlite_rows(const std::string& database_file, const std::string& sql);
// The single value of a one-row, one-column query.
std::optional<std::string> sqlite_value(const std::string& database_file, const std::string& sql);

}  // namespace runway::testing
