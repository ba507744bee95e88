// Flyway's ASCII tables (spec 10.1), used by `info` and for query results in migrations.
#pragma once

#include <string>
#include <vector>

#include "runway/driver.h"

namespace runway {

// Rulers of `+---+`, cells left-justified, NULL printed empty; with no rows, one row holding
// `empty_text` across the full width.
std::string render_ascii_table(const std::vector<std::string>& header,
                               const std::vector<std::vector<SqlValue>>& rows,
                               const std::string& empty_text);

// Flyway's markdown-style table (its settings table): no outer rulers, a `|---|` line under
// the header, each cell padded three spaces past the widest one. Ends with a newline.
std::string render_markdown_table(const std::vector<std::string>& header,
                                  const std::vector<std::vector<std::string>>& rows);

}  // namespace runway
