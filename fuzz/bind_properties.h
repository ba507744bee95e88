// The configuration readers' output taken one step further, as load_configuration does:
// merged, resolved for the default environment and bound to typed settings, so that the
// fuzzers for flyway.conf, flyway.toml and the command line also reach the value parsers.
#pragma once

#include <vector>

#include "core/config_binding.h"
#include "core/config_properties.h"

namespace runway::fuzz {

inline void bind_properties(const std::vector<Property>& properties, bool in_file) {
  if (!unknown_property_names(properties, in_file).empty()) return;
  PropertyMap merged;
  merged.set_all(properties);
  Configuration config;
  (void)runway::bind_properties(merged.resolve("default"), config);
}

}  // namespace runway::fuzz
