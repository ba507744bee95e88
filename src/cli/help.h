// `runway --help`: usage, the commands, and every setting, from the same tables the parser uses.
#pragma once

#include <string>

namespace runway {

std::string render_help();

}  // namespace runway
