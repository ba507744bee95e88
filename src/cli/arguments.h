// Flyway's command-line syntax (spec 7.5): commands, flags and -key=value settings in any
// order. Only the syntax lives here; what the settings mean is the key table's business.
#pragma once

#include <string>
#include <vector>

#include "core/config_properties.h"

namespace runway {

struct ParsedArguments {
  std::vector<std::string> commands;  // in the order given; `help` is not one (see help)
  bool debug = false;                 // -X
  bool quiet = false;                 // -q
  bool help = false;                  // -h, -?, --help, or the help command
  bool version = false;               // -v, --version
  std::vector<Property> settings;     // -key=value, in the order given
};

Result<ParsedArguments> parse_arguments(const std::vector<std::string>& args);

}  // namespace runway
