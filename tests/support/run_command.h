// Runs the built `runway` binary the way a user or a CI script does, capturing its output.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace runway::testing {

struct CommandOutput {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs RUNWAY_BINARY with `args` in `working_directory`. The environment is the test's own
// minus every FLYWAY_* variable, plus `environment`.
CommandOutput run_runway(const std::vector<std::string>& args, const std::string& working_directory,
                         const std::map<std::string, std::string>& environment = {});

// Runs any program (e.g. `sqlite3`), same capture rules.
CommandOutput run_program(const std::vector<std::string>& argv, const std::string& working_directory,
                          const std::map<std::string, std::string>& environment = {},
                          const std::string& stdin_text = "");

}  // namespace runway::testing
