// Names a user may legally give that break SQL built by pasting text together: quotes of both
// kinds, spaces, non-ASCII letters, and text that closes a quote and starts a statement.
#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include "support/both_databases.h"

namespace runway::testing {

struct HostileName {
  std::string label;  // a gtest-safe name for the case
  std::string text;
};

inline void PrintTo(const HostileName& name, std::ostream* out) {
  *out << name.label;
}

// Schema and table names. No comma: `-schemas` is a comma-separated list.
inline const std::vector<HostileName>& hostile_identifiers() {
  static const std::vector<HostileName> names = {
      {"Space", "my history"},
      {"DoubleQuote", "his\"tory"},
      {"SingleQuote", "his'tory"},
      {"Unicode", "histoire_\xC3\xA9t\xC3\xA9_\xE6\x97\xA5\xE6\x9C\xAC"},  // histoire_été_日本
      {"ClosesAnIdentifier", "h\"; DROP TABLE victim; --"},
      {"ClosesALiteral", "h'); DROP TABLE victim; --"},
      {"Backslash", "h\\\"istory"},
      {"Dot", "my.history"},  // one name, not schema.table
      // Format directives and a parameter marker, which a dry run replaces outside quotes.
      {"FormatAndParameterMarks", "h{}%s%n$1"},
  };
  return names;
}

// Tests that run every hostile identifier on both databases.
using EngineAndName = std::tuple<Engine, HostileName>;
inline auto every_engine_and_identifier() {
  return ::testing::Combine(both_engines(), ::testing::ValuesIn(hostile_identifiers()));
}
// Their gtest names: Postgres_SingleQuote.
inline std::string engine_and_name(const ::testing::TestParamInfo<EngineAndName>& info) {
  return engine_name(std::get<0>(info.param)) + "_" + std::get<1>(info.param).label;
}

struct HostileFileName {
  std::string file;         // the migration's file name
  std::string description;  // what runway records for it
};

// Migration file names (any byte but '/' and NUL is allowed on Linux), with the description
// Flyway 12 records for each (checked with the Flyway CLI). Flyway writes a backslash in the
// script column as '/'; runway keeps the file name, and each validates the other's history.
inline const std::vector<HostileFileName>& hostile_file_names() {
  static const std::vector<HostileFileName> files = {
      {"V1__with space.sql", "with space"},
      {"V2__it's.sql", "it's"},
      {"V3__say_\"hi\".sql", "say \"hi\""},
      {"V4__caf\xC3\xA9_\xE6\x97\xA5\xE6\x9C\xAC.sql", "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC"},
      {"V5__line\nbreak.sql", "line\nbreak"},
      {"V6__tab\tand\\back.sql", "tab\tand\\back"},
      {"V7__x');_DROP_TABLE_victim;_--.sql", "x'); DROP TABLE victim; --"},
      {"V8__$1_${x}_%s_{}.sql", "$1 ${x} %s {}"},
      // In a dry run's `-- <script>` comment, a line break must not end the comment.
      {"V9__x\nDROP TABLE victim;.sql", "x\nDROP TABLE victim;"},
      {"V10__x\rDROP TABLE victim;.sql", "x\rDROP TABLE victim;"},
      {"V11__x\n\\! touch psql-ran-a-shell-command.sql", "x\n\\! touch psql-ran-a-shell-command"},
      {"R__it's_\"repeatable\".sql", "it's \"repeatable\""},
  };
  return files;
}

}  // namespace runway::testing
