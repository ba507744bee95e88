// The one hook between commands and the run log: the runner starts a recorder before each
// command its table marks for the run log (migrate, undo, repair, baseline) and finishes it
// afterwards with the command's error, if any. What the run did is read from the history table before and after, so every command is
// recorded the same way without knowing about flightpath.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commands/session.h"
#include "flightpath/run_log.h"

namespace runway::flightpath {

// The label recorded with runs and metrics: flightpath.environment, else environment.
std::string environment_label(const Settings& settings);

class RunRecorder {
 public:
  // A recorder for `command` when flightpath is on (run log enabled or an event URL set) and
  // this is not a dry run; nullopt otherwise.
  static std::optional<RunRecorder> start(const std::string& command, Session& session);

  // Writes the run log row (in its own transaction, after the command's has ended) and posts
  // the event. Never fails the command: problems become warnings.
  void finish(Session& session, const Error* error);

 private:
  struct Snapshot {
    std::vector<AppliedMigration> rows;
    std::string version;
  };
  RunRecorder(std::string command, Snapshot before)
      : command_(std::move(command)), started_at_(now_ms()), before_(std::move(before)) {}
  static Snapshot snapshot(Session& session);

  std::string command_;
  UnixMs started_at_;
  Snapshot before_;
};

}  // namespace runway::flightpath
