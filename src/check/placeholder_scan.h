// Where a script uses placeholders (spec 7.8), found the way the replacer finds them: every
// `${...}` in the text, comments and literals included.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runway/placeholders.h"

namespace runway {

struct PlaceholderUse {
  std::string name;  // between prefix and suffix, as written
  int line = 0;
  bool terminated = true;  // false: the suffix never comes
};

std::vector<PlaceholderUse> find_placeholders(std::string_view text,
                                              const PlaceholderSyntax& syntax);

}  // namespace runway
