// One script's content, reviewed without a database: its placeholders have values, it splits
// into statements, it is not empty, and (PostgreSQL) its DDL is not risky. The text is
// streamed: memory does not grow with the size of the script (docs/check.md).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "check/finding.h"
#include "runway/config.h"
#include "runway/migration.h"
#include "runway/placeholders.h"
#include "runway/sql_splitter.h"
#include "runway/text_source.h"

namespace runway {

struct ScriptReviewContext {
  const Settings& settings;
  const ScriptConfig& config;             // the script's own .conf, which wins over the settings
  const PlaceholderValues& placeholders;  // what check knows without a database
  // Built-in placeholders only a database can give (`flyway:database`), lower-cased.
  const std::set<std::string>& database_placeholders;
  SqlDialect dialect;
};

struct ReviewedScript {
  std::int32_t checksum = 0;  // of the text as written (spec 3.2)
  // Of the text with placeholders replaced, when every value is known: what a repeatable
  // migration's history row holds.
  std::optional<std::int32_t> replaced_checksum;
  std::vector<Finding> findings;
};

// Opens the script's decoded text at its start. The review reads it once; again only when
// it uses placeholders, or when `runway:ignore` comments must be read for DDL findings.
using ScriptOpener = std::function<Result<std::unique_ptr<TextSource>>()>;

// `path` is the path findings name. Fails when the text cannot be read (the caller reports
// RW108).
Result<ReviewedScript> review_script(const ScriptOpener& open, const std::string& file_name,
                                     const std::string& path, const ScriptReviewContext& context);

// A script whose text is in memory.
ReviewedScript review_script(std::string_view text, const std::string& file_name,
                             const std::string& path, const ScriptReviewContext& context);

}  // namespace runway
