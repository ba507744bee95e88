// Turns configured locations into absolute filesystem: locations (spec 1.1).
#pragma once

#include <string>
#include <vector>

#include "runway/error.h"

namespace runway {

struct ResolvedLocations {
  std::vector<std::string> locations;  // each `filesystem:<absolute path>`
  std::vector<std::string> labels;     // Flyway's Location.toString(): see Settings
  std::vector<std::string> warnings;
};

// Relative paths resolve against `base_directory` (workingDirectory, else the process CWD).
// A location without prefix is read as a filesystem path, with a warning (Flyway would read
// the Java classpath); other prefixes are errors. `working_directory_given`: whether the
// labels are made absolute too, as Flyway makes them only against a workingDirectory.
Result<ResolvedLocations> resolve_locations(const std::vector<std::string>& locations,
                                            const std::string& base_directory,
                                            bool working_directory_given);

// The command line's default when no location is configured: <base>/sql if it exists.
ResolvedLocations default_locations(const std::string& base_directory,
                                    bool working_directory_given);

}  // namespace runway
