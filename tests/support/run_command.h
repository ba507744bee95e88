// Runs the built `runway` binary the way a user or a CI script does, capturing its output.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace runway::testing {

struct CommandOutput {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// A program started and not yet waited for, so tests can run several at the same moment.
class StartedCommand {
 public:
  StartedCommand(pid_t pid, std::string out_path, std::string err_path, std::string in_path)
      : pid_(pid),
        out_path_(std::move(out_path)),
        err_path_(std::move(err_path)),
        in_path_(std::move(in_path)) {}
  StartedCommand(StartedCommand&& other) noexcept;
  StartedCommand(const StartedCommand&) = delete;
  StartedCommand& operator=(const StartedCommand&) = delete;
  StartedCommand& operator=(StartedCommand&&) = delete;
  ~StartedCommand();  // waits, so no test leaves a process behind

  // Waits for the program to end and returns what it printed. Call once.
  CommandOutput wait();

 private:
  pid_t pid_ = -1;  // -1 once waited for
  std::string out_path_, err_path_, in_path_;
};

// Starts any program (e.g. `sqlite3`) in `working_directory`. The environment is the test's
// own minus every FLYWAY_* variable, plus `environment`.
StartedCommand start_program(const std::vector<std::string>& argv,
                             const std::string& working_directory,
                             const std::map<std::string, std::string>& environment = {},
                             const std::string& stdin_text = "");
// Starts RUNWAY_BINARY with `args`, same rules.
StartedCommand start_runway(const std::vector<std::string>& args,
                            const std::string& working_directory,
                            const std::map<std::string, std::string>& environment = {});

// start_program(...).wait() and start_runway(...).wait().
CommandOutput run_program(const std::vector<std::string>& argv,
                          const std::string& working_directory,
                          const std::map<std::string, std::string>& environment = {},
                          const std::string& stdin_text = "");
CommandOutput run_runway(const std::vector<std::string>& args, const std::string& working_directory,
                         const std::map<std::string, std::string>& environment = {});

// Starts `count` runs of `args` one right after the other, then waits for them all.
std::vector<CommandOutput> run_runway_concurrently(
    int count, const std::vector<std::string>& args, const std::string& working_directory,
    const std::map<std::string, std::string>& environment = {});

}  // namespace runway::testing
