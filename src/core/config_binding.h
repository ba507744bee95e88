// Turns resolved properties into typed Settings and CliOptions fields, by the kind of each
// key: the one place where values are parsed and checked.
#pragma once

#include <vector>

#include "core/config_properties.h"
#include "runway/config.h"

namespace runway {

// Stores every property in `config`. Java-only keys are noted in config.notes; keys of paid
// Flyway features runway does not implement are a configuration error.
Result<void> bind_properties(const std::vector<Property>& properties, Configuration& config);

}  // namespace runway
