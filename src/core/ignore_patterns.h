// ignoreMigrationPatterns (spec 6.2): which validation results to ignore, as
// <migration type>:<migration state>. Parsed once at configuration time so a typo fails early;
// validation reuses the parsed form.
#pragma once

#include <string>
#include <vector>

#include "runway/error.h"

namespace runway {

struct IgnorePattern {
  enum class Type { Any, Repeatable, Versioned };
  enum class State { Any, Missing, Pending, Ignored, Future };

  Type type = Type::Any;
  State state = State::Any;

  bool operator==(const IgnorePattern&) const = default;
};

// Parses each `<type>:<state>` (trimmed, any case), with Flyway's error messages.
Result<std::vector<IgnorePattern>> parse_ignore_patterns(const std::vector<std::string>& patterns);

}  // namespace runway
