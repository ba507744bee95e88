// `runway metrics`: DORA metrics per environment from the history table, the run log and git
// (docs/flightpath.md). It sits above the commands: it opens a session per environment.
#pragma once

#include <vector>

#include "flightpath/metrics.h"
#include "runway/config.h"

namespace runway {

// Opens each environment in turn and computes its metrics.
Result<flightpath::MetricsResult> metrics(const std::vector<Settings>& environments);

}  // namespace runway
