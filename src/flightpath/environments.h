// `-metrics.environments=dev,staging,prod`: the settings of each named environment, loaded
// from the same sources as the invocation, with <name> as the selected environment.
#pragma once

#include <vector>

#include "runway/config.h"

namespace runway::flightpath {

// The environments metrics reports on: the named ones, or the invocation's own settings.
Result<std::vector<Settings>> metrics_environments(const Configuration& config,
                                                   const ConfigSources& sources);

}  // namespace runway::flightpath
