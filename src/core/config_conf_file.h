// Legacy flyway.conf files: Java properties with Flyway's own pre-processing (spec 7.2).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/config_properties.h"

namespace runway {

// The flyway.* properties of a .conf file, prefix removed, in file order. Keys without the
// flyway. prefix are ignored; unknown flyway.* keys are an error.
Result<std::vector<Property>> parse_conf(std::string_view text,
                                         const std::map<std::string, std::string>& environment);

}  // namespace runway
