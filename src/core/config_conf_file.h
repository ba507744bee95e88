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
// Every `key=value` of Java properties text, in file order, with the same line rules as
// parse_conf but no environment expansion and no key filtering (script .conf files, spec 7.9).
std::vector<Property> parse_properties(std::string_view text);

Result<std::vector<Property>> parse_conf(std::string_view text,
                                         const std::map<std::string, std::string>& environment);

}  // namespace runway
