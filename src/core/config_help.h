// User documentation generated from the key table, so it cannot drift from the code.
#pragma once

#include <string>

namespace runway {

// The configuration section of --help: one line per key, `-key=<value>  what it does`.
std::string render_config_help();

// docs/configuration.md, in full. A unit test keeps the committed file identical.
std::string render_config_markdown();

}  // namespace runway
