// `-- runway:ignore PG001` (or `/* runway:ignore PG001, PG010 */`): a comment that silences
// the named rules for the statement on its line or the statement right below it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runway/sql_splitter.h"
#include "runway/text_source.h"

namespace runway {

class IgnoreComments {
 public:
  // What every such comment holds: a script without it has none to read.
  static constexpr std::string_view kMarker = "runway:ignore";

  // Reads the comments of a whole script (comments after its last statement included) as it
  // streams by; only the rules they name, with their lines, are kept.
  static Result<IgnoreComments> read(TextSource& text, SqlDialect dialect);

  // Whether `rule` is silenced for a statement ending on line `last` whose previous statement
  // ended on line `previous_last` (0 for the first statement): by a comment on one of its
  // lines, or on a line between the previous statement and this one.
  bool silences(std::string_view rule, int previous_last, int last) const;

 private:
  void add_rules_of(std::string_view comment, int line);

  struct Entry {
    int line;
    std::string rule;
  };
  std::vector<Entry> entries_;
};

}  // namespace runway
