// Flyway's command-line syntax (spec 7.5): commands, flags and -key=value settings in any
// order. Only the syntax lives here; what the settings mean is the key table's business.
#pragma once

#include <string>
#include <vector>

#include "runway/config.h"

namespace runway {

// argv[1..] as load_configuration takes it.
Result<ParsedArguments> parse_arguments(const std::vector<std::string>& args);

}  // namespace runway
