// Which commit a run deploys: CI systems say so in a variable; otherwise git may know.
#pragma once

#include <string>

namespace runway::flightpath {

// The first set variable among GITHUB_SHA, CI_COMMIT_SHA, BUILDKITE_COMMIT, GIT_COMMIT and
// the other CI systems' names; else `git rev-parse HEAD` in `working_directory`; else "".
std::string deployed_commit(const std::string& working_directory);

}  // namespace runway::flightpath
