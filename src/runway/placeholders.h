// Placeholder replacement (spec 7.8), streamed: `${name}` is replaced as text flows from a
// script to the checksum or the splitter, so large scripts are never held in memory.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "runway/config.h"
#include "runway/text_source.h"

namespace runway {

struct PlaceholderSyntax {
  std::string prefix = "${";
  std::string suffix = "}";
  std::string separator = ":";  // between `flyway` and a built-in name

  static PlaceholderSyntax from(const Settings& settings);
};

// Values by lower-cased name. Built-ins are stored as "flyway:<name>" (with the configured
// separator); a built-in the database cannot provide is absent and fails when used.
class PlaceholderValues {
 public:
  void set(std::string name, std::string value);
  const std::string* find(std::string_view name) const;  // case-insensitive
  // Values for one script: adds ${flyway:filename}.
  PlaceholderValues for_script(const std::string& file_name, const std::string& separator) const;

 private:
  std::map<std::string, std::string> values_;
};

// Facts about the connection the built-in placeholders need. Unset optionals are
// unavailable (SQLite has no database name; initSql runs before any is known).
struct BuiltinFacts {
  std::optional<std::string> default_schema;
  std::optional<std::string> user;
  std::optional<std::string> database;
  std::string timestamp;  // local time at connect, yyyy-MM-dd HH:mm:ss
  std::string working_directory;
};

// User placeholders from the settings plus Flyway's built-ins. Fails when a user placeholder
// uses the reserved `flyway:` prefix.
Result<PlaceholderValues> make_placeholder_values(const Settings& settings,
                                                  const BuiltinFacts& facts);

// Wraps `inner`, replacing placeholders. Errors name `script_path` and the line.
std::unique_ptr<TextSource> replace_placeholders(std::unique_ptr<TextSource> inner,
                                                 const PlaceholderValues& values,
                                                 const PlaceholderSyntax& syntax,
                                                 std::string script_path);

}  // namespace runway
