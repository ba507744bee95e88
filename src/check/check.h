// `runway check`: reviews the migration locations without a database (docs/check.md).
// Folder rules always run; the git base, the history export, the conventions and the
// PostgreSQL DDL rules run when configured.
#pragma once

#include <chrono>
#include <string>

#include "check/finding.h"
#include "runway/config.h"

namespace runway {

struct CheckEnvironment {
  std::string current_directory;  // finding paths are relative to it; so is check.history
  std::chrono::system_clock::time_point now;  // what a timestamp version may not exceed
};

Result<CheckResult> check_migrations(const Settings& settings, const CheckEnvironment& environment);

}  // namespace runway
