// Runs a program without a shell and captures its standard output: how flightpath asks git
// for the deployed commit and for the commit times of migration files.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace runway::flightpath {

// Runs argv[0] (searched on PATH) in `directory` with stdin and stderr closed. Returns its
// standard output when it exits 0, nothing when it cannot start or fails.
std::optional<std::string> capture_output(const std::vector<std::string>& argv,
                                          const std::string& directory);

}  // namespace runway::flightpath
