// FLYWAY_* environment variables (spec 7.6), named by the key table.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/config_properties.h"

namespace runway {

// The variables of the key table that are set, as properties. FLYWAY_PLACEHOLDERS_<NAME> and
// FLYWAY_JDBC_PROPERTIES_<NAME> become map entries with NAME lower-cased; every other
// variable is ignored.
std::vector<Property> read_environment_variables(
    const std::map<std::string, std::string>& environment);

}  // namespace runway
