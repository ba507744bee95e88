// ignoreMigrationPatterns (spec 6.2): which validation results to ignore, as
// <migration type>:<migration state>. Parsed once at configuration time so a typo fails early;
// validation reuses the parsed form.
#pragma once

#include <string>
#include <vector>

#include "runway/error.h"
#include "runway/validation.h"

namespace runway {

// Parses each `<type>:<state>` (trimmed, any case), with Flyway's error messages.
Result<std::vector<IgnorePattern>> parse_ignore_patterns(const std::vector<std::string>& patterns);

}  // namespace runway
